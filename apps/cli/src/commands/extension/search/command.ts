import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionSearchCommand: CommandDefinition = {
  name: 'search',
  arguments: '[query]',
  summary: "find extensions in the workspace's registries by name or description",
  description:
    'Lists every extension the registries of provisioning.yaml offer (or those whose name or description contains QUERY) with the newest version that fits this core.',
  examples: [
    { command: 'provisioning extension search', description: 'everything the registries offer' },
    { command: 'provisioning extension search postgres --output json', description: 'matches, for a script' },
  ],
  handler: () => import('./handler.js'),
};

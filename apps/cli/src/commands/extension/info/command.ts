import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionInfoCommand: CommandDefinition = {
  name: 'info',
  arguments: '<name>',
  summary:
    'one extension: every version in the registries (core range, dependencies, yanked) and what is installed here',
  description:
    'Shows what the registries know about NAME, version by version, and every copy this workspace could use (linked, installed for the workspace or the user, built in), marking the one in use.',
  examples: [
    { command: 'provisioning extension info redis', description: 'versions and where redis comes from here' },
    { command: 'provisioning extension info redis --output json', description: 'the same, for a script' },
  ],
  handler: () => import('./handler.js'),
};

import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionListCommand: CommandDefinition = {
  name: 'list',
  summary:
    'every extension this workspace can use: version, source (linked, workspace, user, built-in) and folder',
  description:
    "Extensions are searched in this order: linked folders (extension link), the workspace (.provisioning/extensions/), the user (~/.provisioning/extensions/), then those built into the CLI. The first version that fits the core (and an entry's version range) is used; the others are listed too.",
  examples: [
    { command: 'provisioning extension list', description: 'what is used, and from where' },
    { command: 'provisioning extension list --output json', description: 'the same for a script' },
  ],
  handler: () => import('./handler.js'),
};

import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionOutdatedCommand: CommandDefinition = {
  name: 'outdated',
  summary: 'installed extensions with newer versions: current, wanted (within the range), latest',
  description:
    'Compares provisioning.lock with the registries. "wanted" is what `extension update` would install; "latest" may need a wider range (`extension install NAME@^2`). Exits 2 when something is outdated, so scripts can tell.',
  examples: [
    { command: 'provisioning extension outdated', description: 'a table of what could move' },
    { command: 'provisioning extension outdated --output json', description: 'the same for a script' },
  ],
  handler: () => import('./handler.js'),
};

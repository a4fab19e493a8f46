import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionUpdateCommand: CommandDefinition = {
  name: 'update',
  arguments: '[names...]',
  summary: 'move installed extensions to the newest version their range allows, and update provisioning.lock',
  description:
    'Resolves again, letting the named extensions (or all) move to the highest version that satisfies the range they were installed with, the core and their dependents; other locked versions stay. The range itself does not change: install NAME@RANGE for that. `provisioning plan` afterwards shows what the new versions change on hosts.',
  examples: [
    { command: 'provisioning extension update', description: 'everything, within its range' },
    {
      command: 'provisioning extension update hello && provisioning plan',
      description: 'only hello, then see what the new version changes',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--user', 'update ~/.provisioning/extensions/ instead of the workspace').env(
        'PROVISIONING_EXTENSION_USER',
      ),
    );
  },
  handler: () => import('./handler.js'),
};

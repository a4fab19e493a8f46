import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionRemoveCommand: CommandDefinition = {
  name: 'remove',
  arguments: '<names...>',
  summary: 'uninstall extensions, and dependencies nothing else needs, and update provisioning.lock',
  description:
    'Removes the named extensions from what the workspace asks for, deletes every installed version nothing needs any more, and rewrites provisioning.lock. Hosts are not touched: use `provisioning taskserv remove` for that first.',
  examples: [
    {
      command: 'provisioning extension remove hello',
      description: 'uninstall hello (and its unused dependencies)',
    },
    {
      command: 'provisioning extension remove hello --user',
      description: 'from ~/.provisioning/extensions/',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--user', 'remove from ~/.provisioning/extensions/ instead of the workspace').env(
        'PROVISIONING_EXTENSION_USER',
      ),
    );
  },
  handler: () => import('./handler.js'),
};

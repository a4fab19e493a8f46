import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const serverDeleteCommand: CommandDefinition = {
  name: 'delete',
  arguments: '<names...>',
  summary: 'delete servers provisioning created, through their provider',
  description:
    'Delete the named servers at their provider, then their record in the state store and their lines in the workspace known_hosts. Only servers provisioning created are deleted: a static host, or a server with no record in the state store, is refused before anything is touched. An interrupted create is cleaned up too (the server is found by its labels). Asks first in a terminal; elsewhere it needs --yes.',
  examples: [
    { command: 'provisioning server delete web-1 --yes', description: 'delete web-1 without asking' },
    {
      command: 'provisioning server delete web-1 web-2 --infra dev --output json',
      description: 'delete two servers of dev, printing the result as JSON',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option(
        '--infra <name>',
        'infra the servers belong to (default: default_infra, or the only one)',
      ).env('PROVISIONING_INFRA'),
    );
  },
  handler: () => import('./handler.js'),
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const serverListCommand: CommandDefinition = {
  name: 'list',
  summary: 'servers with address, port, user, labels, provider and the taskservs they get',
  description:
    'List the servers of an infra with the connection each one uses (the server fields, else settings ssh.user/ssh.port), its labels and provider, and the taskserv entries that target it (directly, by selector, or through a cluster role).',
  examples: [
    { command: 'provisioning server list --infra prod', description: 'the servers of prod' },
    { command: "provisioning server list --output json | jq -r '.servers[] | select(.labels.role == \"web\") | .name'", description: 'names of the web servers, for a script' },
  ],
  configure: (command) => {
    command.addOption(new Option('--infra <name>', 'infra to list (default: default_infra, or the only one)').env('PROVISIONING_INFRA'));
  },
  handler: () => import('./handler.js'),
};

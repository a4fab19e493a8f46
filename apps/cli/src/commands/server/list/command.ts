import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const serverListCommand: CommandDefinition = {
  name: 'list',
  summary: 'servers with address, port, user, labels, provider, provider state and the taskservs they get',
  description:
    "List the servers of an infra with the connection each one uses (the server fields, else settings ssh.user/ssh.port), its labels and provider, and the taskserv entries that target it (directly, by selector, or through a cluster role). For servers a provider creates it also asks the provider for their state (running, stopped, missing); --drift adds servers that exist on one side only: recorded but gone at the provider (deleted behind the tool's back), or at the provider with this infra's labels but not recorded.",
  examples: [
    { command: 'provisioning server list --infra prod', description: 'the servers of prod' },
    {
      command: 'provisioning server list --drift',
      description: 'also what exists at a provider but not in the state store, and the reverse',
    },
    {
      command:
        'provisioning server list --output json | jq -r \'.servers[] | select(.labels.role == "web") | .name\'',
      description: 'names of the web servers, for a script',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--infra <name>', 'infra to list (default: default_infra, or the only one)').env(
          'PROVISIONING_INFRA',
        ),
      )
      .addOption(
        new Option('--drift', 'also list servers that exist at a provider or in the state store only').env(
          'PROVISIONING_DRIFT',
        ),
      );
  },
  handler: () => import('./handler.js'),
};

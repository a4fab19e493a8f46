import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const clusterDeleteCommand: CommandDefinition = {
  name: 'delete',
  arguments: '<name>',
  summary: 'remove what a cluster put on its servers (later roles first) and its saved outputs',
  description:
    "Remove every taskserv the cluster's roles placed, on every server that got them (agents before servers), and the outputs saved under .provisioning/clusters/<name>/. The servers themselves stay: delete the ones a provider created with `provisioning server delete`. Asks first in a terminal; elsewhere it needs --yes.",
  examples: [
    { command: 'provisioning cluster delete k8s --yes', description: 'tear down cluster k8s' },
    {
      command: 'provisioning cluster delete k8s --yes --output json',
      description: 'the removal run as JSON',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--infra <name>', 'infra the cluster is in (default: default_infra, or the only one)').env(
        'PROVISIONING_INFRA',
      ),
    );
  },
  handler: () => import('./handler.js'),
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const clusterStatusCommand: CommandDefinition = {
  name: 'status',
  arguments: '<name>',
  summary: "a cluster's servers per role, its health checks (run once) and its outputs",
  description:
    'For each role: its servers, whether their provider created them and whether they are members (the role is applied on them). Then every health check of the cluster extension, run once, and the outputs. Exits 0 when healthy, 1 when not.',
  examples: [
    { command: 'provisioning cluster status k8s', description: 'is k8s healthy?' },
    {
      command: 'provisioning cluster status k8s --output json | jq .healthy',
      description: 'true or false, for a script',
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

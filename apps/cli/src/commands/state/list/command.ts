import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { positiveInt } from '../../../options/run-options';

export const stateListCommand: CommandDefinition = {
  name: 'list',
  summary: 'recent runs: id, command, status, start, duration, hosts, changed, failed',
  description:
    'List the most recent runs, newest first, of one infra (--infra) or of every infra of the workspace, and the apply locks held now.',
  examples: [
    { command: 'provisioning state list', description: 'the last 20 runs of every infra' },
    {
      command: 'provisioning state list --infra prod --limit 50 --output json',
      description: 'the last 50 runs of prod, for a script',
    },
  ],
  configure: (command) => {
    command
      .addOption(new Option('--infra <name>', 'only the runs of this infra').env('PROVISIONING_INFRA'))
      .addOption(
        new Option('--limit <n>', 'at most N runs')
          .argParser(positiveInt)
          .default(20)
          .env('PROVISIONING_RUNS_LIMIT'),
      );
  },
  handler: () => import('./handler.js'),
};

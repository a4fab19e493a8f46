import type { CommandDefinition } from '../../cli/command-definition';
import { addOptions, APPLY_OPTIONS } from '../../options/run-options';

export const applyCommand: CommandDefinition = {
  name: 'apply',
  summary: 'make the hosts as the infra describes them',
  description:
    'Plan and apply every taskserv on its servers: hosts in parallel (--parallel, default 10) or in rolling batches (--serial N), each host on one SSH connection. A failed host stops only itself and what depends on it, unless --fail-fast or --max-fail-percent. A second apply changes nothing. Without --yes, apply asks for confirmation in a terminal and refuses to run unattended; with --check it only plans.',
  examples: [
    { command: 'provisioning apply --yes', description: 'apply the default infra without asking' },
    {
      command: 'provisioning apply --infra prod --serial 2 --max-fail-percent 25 --yes',
      description: 'roll out two hosts at a time, stopping if more than a quarter fail',
    },
    {
      command: 'provisioning apply --plan web.plan.json --yes',
      description: 'apply exactly a saved plan (refused if the hosts changed since)',
    },
  ],
  configure: (command) => addOptions(command, APPLY_OPTIONS),
  handler: () => import('./handler.js'),
};

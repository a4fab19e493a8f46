import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';
import { addRunOptions, percentage, positiveInt } from '../../session/run-options';

export const applyCommand: CommandDefinition = {
  name: 'apply',
  summary: 'make the hosts as the infra describes them',
  description:
    'Plan and apply every taskserv on its servers: hosts in parallel (--parallel, default 10) or in rolling batches (--serial N), each host on one SSH connection. A failed host stops only itself and what depends on it, unless --fail-fast or --max-fail-percent. A second apply changes nothing. Without --yes, apply asks for confirmation in a terminal and refuses to run unattended; with --check it only plans.',
  examples: [
    { command: 'provisioning apply --yes', description: 'apply the default infra without asking' },
    { command: 'provisioning apply --infra prod --serial 2 --max-fail-percent 25 --yes', description: 'roll out two hosts at a time, stopping if more than a quarter fail' },
    { command: 'provisioning apply --plan web.plan.json --yes', description: 'apply exactly a saved plan (refused if the hosts changed since)' },
  ],
  configure: (command) => {
    addRunOptions(command);
    command
      .addOption(new Option('--serial <n>', 'rolling batches: at most N hosts at a time, each batch finished before the next').argParser(positiveInt))
      .addOption(new Option('--max-fail-percent <p>', 'stop starting hosts once more than P% of them failed').argParser(percentage))
      .addOption(new Option('--fail-fast', 'stop starting hosts after the first failure'))
      .addOption(new Option('--plan <file>', 'apply this saved plan (from plan --out), only if it is still current'));
  },
  handler: () => import('./handler.js'),
};

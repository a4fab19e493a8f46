import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const stateShowCommand: CommandDefinition = {
  name: 'show',
  arguments: '<id>',
  summary: 'one run in detail: its operations per host and its events',
  description:
    'Show a recorded run: who started it and when, its status and duration, every operation per host with its outcome and summary, and the run log (events). ID may be any unique prefix of the run id.',
  examples: [
    { command: 'provisioning state show 20261122-013549-a1b2c3', description: 'a run by its full id' },
    {
      command: 'provisioning state show 20261122-0135 --output json',
      description: 'a run by a prefix, as JSON',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option(
        '--infra <name>',
        "read the state store of this infra's settings (only needed when an infra sets its own state.path)",
      ).env('PROVISIONING_INFRA'),
    );
  },
  handler: () => import('./handler.js'),
};

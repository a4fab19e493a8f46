import type { CommandDefinition } from '../../cli/command-definition';
import { stateListCommand } from './list/command';
import { stateRefreshCommand } from './refresh/command';
import { stateShowCommand } from './show/command';
import { stateUnlockCommand } from './unlock/command';

export const stateCommand: CommandDefinition = {
  name: 'state',
  summary:
    'the run log, the apply lock and created servers: list runs, show one, force-remove a stuck lock, refresh servers',
  description:
    'Every apply and remove is recorded in the workspace state store (.provisioning/state.db by default, settings state.path): the run, each operation per host, and its events. These commands read it without loading the infra definitions, so they work while those are broken.',
  examples: [
    { command: 'provisioning state list --limit 5', description: 'the five most recent runs' },
    {
      command: 'provisioning state show 20261122-0135',
      description: 'what a run did on each host (a unique prefix of the id is enough)',
    },
  ],
  subcommands: [stateListCommand, stateRefreshCommand, stateShowCommand, stateUnlockCommand],
};

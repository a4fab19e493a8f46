import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const stateUnlockCommand: CommandDefinition = {
  name: 'unlock',
  arguments: '<lock-id>',
  summary: "force-remove an infra's apply lock whose holder is gone",
  description:
    'Remove an apply lock whoever holds it, and print who held it. Only for a lock whose process is gone (a crashed machine, a killed CI job): a running apply that loses its lock stops at its next renewal. Locks of dead processes on this machine and expired leases are taken over by the next apply anyway. The lock id is in the error of the apply that was refused, and in `provisioning state list`. Asks first in a terminal; elsewhere it needs --yes.',
  examples: [
    {
      command: 'provisioning state unlock lock-1a2b3c4d --yes',
      description: 'remove the lock without asking',
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

import type { CommandDefinition } from '../../../cli/command-definition';
import { addEntryOptions } from '../entry-options';

export const taskservStatusCommand: CommandDefinition = {
  name: 'status',
  arguments: '<name>',
  summary: 'is a taskserv entry converged on each of its servers?',
  description:
    'Plan the taskserv entry NAME on its servers (changing nothing) and report per host: converged, N changes pending, not installed (no record in the state store and changes pending), or the error that stopped planning. Exit 0 when converged everywhere, 2 when changes are pending somewhere, 1 on an error.',
  examples: [
    { command: 'provisioning taskserv status redis', description: 'redis on every server it targets' },
    {
      command: 'provisioning taskserv status nginx --servers role=web --output json',
      description: 'per-host status for a script',
    },
  ],
  configure: addEntryOptions,
  handler: () => import('./handler.js'),
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const stateRefreshCommand: CommandDefinition = {
  name: 'refresh',
  summary: 'read every server provisioning created again from its provider and update the state store',
  description:
    "Ask each server's provider for it again: an address, port or host key that changed is written to the state store (host keys are only ever taken from the provider, never from the network); a server that is gone at the provider (deleted behind the tool's back) is forgotten, so `server create` makes it again. An interrupted create is left for `server create` to finish. Needs the infra definitions, unlike the other state commands.",
  examples: [
    { command: 'provisioning state refresh', description: 'refresh the default infra' },
    {
      command: 'provisioning state refresh --infra dev --output json',
      description: 'what changed, for a script',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--infra <name>', 'infra to refresh (default: default_infra, or the only one)').env(
        'PROVISIONING_INFRA',
      ),
    );
  },
  handler: () => import('./handler.js'),
};

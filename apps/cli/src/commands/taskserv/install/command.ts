import type { CommandDefinition } from '../../../cli/command-definition';
import { addEntryOptions } from '../entry-options';

export const taskservInstallCommand: CommandDefinition = {
  name: 'install',
  arguments: '<name>',
  summary: 'apply one taskserv entry of the infra on its servers',
  description:
    "Plan and apply only the taskserv entry NAME of the infra (on its servers, or the --servers among them), as `apply --taskservs NAME` does: dependencies outside it are assumed in place. Same rules as apply: --check only plans; without --yes it shows the plan and asks in a terminal, and refuses to run unattended. The entry must be in the infra's files: this does not add one.",
  examples: [
    {
      command: 'provisioning taskserv install node-exporter --yes',
      description: 'install node-exporter everywhere the infra puts it',
    },
    {
      command: 'provisioning taskserv install redis --servers cache-1 --check',
      description: 'what installing redis on cache-1 would change',
    },
  ],
  configure: addEntryOptions,
  handler: () => import('./handler.js'),
};

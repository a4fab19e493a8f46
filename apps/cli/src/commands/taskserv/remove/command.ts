import type { CommandDefinition } from '../../../cli/command-definition';
import { addEntryOptions } from '../entry-options';

export const taskservRemoveCommand: CommandDefinition = {
  name: 'remove',
  arguments: '<name>',
  summary: "run a taskserv entry's removal on its servers",
  description:
    "Plan and run the removal the taskserv defines (its remove operations, in reverse dependency order) for the entry NAME on its servers, or the --servers among them, and forget it in the state store. --check only plans; without --yes it shows the plan and asks in a terminal, and refuses to run unattended. The entry stays in the infra's files, so the next apply installs it again unless you delete it there.",
  examples: [
    {
      command: 'provisioning taskserv remove redis --servers cache-2 --yes',
      description: 'remove redis from cache-2',
    },
    {
      command: 'provisioning taskserv remove nginx --check',
      description: 'what removing nginx would change',
    },
  ],
  configure: addEntryOptions,
  handler: () => import('./handler.js'),
};

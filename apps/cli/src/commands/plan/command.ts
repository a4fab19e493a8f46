import type { CommandDefinition } from '../../cli/command-definition';
import { addOptions, PLAN_OPTIONS } from '../../options/run-options';

export const planCommand: CommandDefinition = {
  name: 'plan',
  summary: 'show what apply would change on which host, changing nothing',
  description:
    'Read the facts of every host (one round trip per host; two the first time a host is seen when its task services use its OS or architecture) and show, per host, each operation that would change, with a diff for file contents. Exit code 0 on success, whether or not something would change, and 1 on an error; with --detailed-exitcode, 0 means nothing would change and 2 that something would (as terraform plan). Save the plan with --out and apply exactly that with `provisioning apply --plan FILE`, which refuses each host whose facts changed since, naming the operation and what changed, and applies the others.',
  examples: [
    { command: 'provisioning plan', description: 'plan the default infra' },
    {
      command: 'provisioning plan --infra prod --servers role=web --out web.plan.json',
      description: 'plan the web servers of prod and save the plan',
    },
    {
      command: 'provisioning plan --output json | jq .changes',
      description: 'count the pending changes in a script',
    },
    {
      command: 'provisioning plan --detailed-exitcode || [ $? -eq 2 ] && echo drift',
      description: 'tell "no changes" (0) from "changes pending" (2) in CI',
    },
  ],
  configure: (command) => addOptions(command, PLAN_OPTIONS),
  handler: () => import('./handler.js'),
};

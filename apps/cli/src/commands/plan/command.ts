import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';
import { addRunOptions } from '../../session/run-options';

export const planCommand: CommandDefinition = {
  name: 'plan',
  summary: 'show what apply would change on which host, changing nothing',
  description:
    'Read the facts of every host (one round trip per host) and show, per host, each operation that would change, with a diff for file contents. Exit code 0: nothing to change; 2: changes pending; 1: an error. Save the plan with --out and apply exactly that with `provisioning apply --plan FILE`, which refuses it if the hosts changed since.',
  examples: [
    { command: 'provisioning plan', description: 'plan the default infra' },
    { command: 'provisioning plan --infra prod --servers role=web --out web.plan.json', description: 'plan the web servers of prod and save the plan' },
    { command: 'provisioning plan --output json | jq .changes', description: 'count the pending changes in a script' },
  ],
  configure: (command) => {
    addRunOptions(command);
    command.addOption(new Option('--out <file>', 'save the plan as JSON, for apply --plan'));
  },
  handler: () => import('./handler.js'),
};

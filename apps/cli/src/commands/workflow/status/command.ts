import type { CommandDefinition } from '../../../cli/command-definition';
import { addClientOptions } from '../client/open-workflow-client';

export const workflowStatusCommand: CommandDefinition = {
  name: 'status',
  arguments: '<id>',
  summary: 'one workflow: every step with its state, attempts, duration and error',
  examples: [
    {
      command: 'provisioning workflow status wf-20261202-101500-a1b2c3',
      description: 'where a workflow stands',
    },
    {
      command:
        "provisioning workflow status wf-20261202-101500-a1b2c3 --output json | jq '.steps[] | {id, status, outputs}'",
      description: 'step outputs, for a script',
    },
  ],
  configure: addClientOptions,
  handler: () => import('./handler.js'),
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { addClientOptions } from '../client/open-workflow-client';

export const workflowSubmitCommand: CommandDefinition = {
  name: 'submit',
  arguments: '<file>',
  summary: 'validate a workflow file and run it (in this process, or on an orchestrator)',
  description:
    "Validate FILE (a workflows/*.yaml file: problems at file:line:col, cycles named) and record it durably. Without --orchestrator the workflow runs in this process on the workspace's embedded store (.provisioning/workflows.db) and the command waits for it; Ctrl-C checkpoints the running step as interrupted, and 'workflow resume ID' continues. With --orchestrator the workflow is sent there and the command returns at once, or follows it with --wait. Exit 1 when a waited-for workflow does not succeed.",
  examples: [
    {
      command: 'provisioning workflow submit workflows/rollout.yaml',
      description: 'run a workflow here, step by step, and wait for it',
    },
    {
      command:
        'provisioning workflow submit workflows/rollout.yaml --orchestrator http://127.0.0.1:9090 --wait',
      description: 'send it to an orchestrator and follow its progress',
    },
    {
      command:
        'provisioning workflow submit workflows/rollout.yaml --orchestrator http://ops:9090 --idempotency-key release-42 --output json',
      description: 'submit once from a script that may retry',
    },
  ],
  configure: (command) => {
    addClientOptions(command);
    command
      .addOption(
        new Option('--wait', 'follow the workflow until it ends (always so without --orchestrator)').env(
          'PROVISIONING_WORKFLOW_WAIT',
        ),
      )
      .addOption(
        new Option(
          '--idempotency-key <key>',
          'a resubmission with the same key returns the first workflow instead of a new one',
        ).env('PROVISIONING_IDEMPOTENCY_KEY'),
      );
  },
  handler: () => import('./handler.js'),
};

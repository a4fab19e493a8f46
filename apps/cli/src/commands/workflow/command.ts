import type { CommandDefinition } from '../../cli/command-definition';
import { workflowCancelCommand, workflowResumeCommand, workflowRollbackCommand } from './control/command';
import { workflowListCommand } from './list/command';
import { workflowLogsCommand } from './logs/command';
import { workflowStatusCommand } from './status/command';
import { workflowSubmitCommand } from './submit/command';

export const workflowCommand: CommandDefinition = {
  name: 'workflow',
  summary: 'durable batch workflows: submit, watch, cancel, resume, roll back',
  description:
    "A workflow (workflows/*.yaml, docs/orchestrator.md) is a DAG of operations (apply, taskserv install/remove, ad-hoc commands, other workflows) with retries, timeouts and compensations. Every step's start and result is committed before its dependents start, so a crash loses nothing and repeats no committed step. Without --orchestrator, workflows live in the workspace's .provisioning/workflows.db and run in this process; with it (or PROVISIONING_ORCHESTRATOR_URL) they run on that orchestrator.",
  examples: [
    {
      command: 'provisioning workflow submit workflows/rollout.yaml',
      description: 'run a workflow here and wait for it',
    },
    { command: 'provisioning workflow list --status failed', description: 'what needs attention' },
    {
      command: 'provisioning workflow resume wf-20261202-101500-a1b2c3',
      description: 'continue after a failure',
    },
  ],
  subcommands: [
    workflowSubmitCommand,
    workflowListCommand,
    workflowStatusCommand,
    workflowLogsCommand,
    workflowCancelCommand,
    workflowResumeCommand,
    workflowRollbackCommand,
  ],
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { addClientOptions } from '../client/open-workflow-client';

const waitOption = (command: Parameters<NonNullable<CommandDefinition['configure']>>[0]) => {
  addClientOptions(command);
  command.addOption(
    new Option('--wait', 'follow the workflow until it ends (always so without --orchestrator)').env(
      'PROVISIONING_WORKFLOW_WAIT',
    ),
  );
};

export const workflowCancelCommand: CommandDefinition = {
  name: 'cancel',
  arguments: '<id>',
  summary: 'stop a workflow: no new step starts, running ones are aborted on their hosts',
  examples: [
    {
      command: 'provisioning workflow cancel wf-20261202-101500-a1b2c3',
      description: 'stop it; each host is left in the state its step reported',
    },
  ],
  configure: addClientOptions,
  handler: () => import('./cancel.js'),
};

export const workflowResumeCommand: CommandDefinition = {
  name: 'resume',
  arguments: '<id>',
  summary: 'continue a failed or cancelled workflow from its last committed steps',
  description:
    'Steps that succeeded do not run again; the failed, skipped and cancelled ones run, their retry counts reset. Without --orchestrator the steps run in this process and the command waits.',
  examples: [
    {
      command: 'provisioning workflow resume wf-20261202-101500-a1b2c3',
      description: 'after fixing what made a step fail',
    },
  ],
  configure: waitOption,
  handler: () => import('./resume.js'),
};

export const workflowRollbackCommand: CommandDefinition = {
  name: 'rollback',
  arguments: '<id>',
  summary: 'undo a finished workflow: the compensations of its succeeded steps, in reverse dependency order',
  description:
    "Runs each succeeded operation's rollback step, after those of every operation that depended on it. A workflow is rolled back once; a compensation that fails leaves it rollback_failed, and 'workflow resume' retries the rest.",
  examples: [
    {
      command: 'provisioning workflow rollback wf-20261202-101500-a1b2c3',
      description: 'undo what a failed rollout changed',
    },
  ],
  configure: waitOption,
  handler: () => import('./rollback.js'),
};

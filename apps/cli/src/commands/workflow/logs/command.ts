import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { addClientOptions } from '../client/open-workflow-client';

export const workflowLogsCommand: CommandDefinition = {
  name: 'logs',
  arguments: '<id>',
  summary: "a workflow's events: steps started, succeeded, failed, retried, skipped, and their output",
  description:
    'Print the events recorded so far; with --follow keep printing until the workflow ends (without --orchestrator, following also runs its steps in this process).',
  examples: [
    { command: 'provisioning workflow logs wf-20261202-101500-a1b2c3', description: 'what happened so far' },
    {
      command:
        'provisioning workflow logs wf-20261202-101500-a1b2c3 --follow --orchestrator http://127.0.0.1:9090',
      description: 'watch it live',
    },
  ],
  configure: (command) => {
    addClientOptions(command);
    command.addOption(
      new Option('--follow', 'keep printing events until the workflow ends').env('PROVISIONING_FOLLOW'),
    );
  },
  handler: () => import('./handler.js'),
};

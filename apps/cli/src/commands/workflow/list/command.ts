import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { addClientOptions } from '../client/open-workflow-client';

export const workflowListCommand: CommandDefinition = {
  name: 'list',
  summary: 'workflows, newest first: id, name, status, steps by state',
  examples: [
    { command: 'provisioning workflow list', description: 'the workflows of this workspace' },
    {
      command:
        'provisioning workflow list --status failed --orchestrator http://127.0.0.1:9090 --output json',
      description: 'the failed ones on an orchestrator, for a script',
    },
  ],
  configure: (command) => {
    addClientOptions(command);
    command
      .addOption(
        new Option('--status <status>', 'only workflows in this status')
          .choices([
            'running',
            'succeeded',
            'failed',
            'cancelling',
            'cancelled',
            'rolling_back',
            'rolled_back',
            'rollback_failed',
          ])
          .env('PROVISIONING_WORKFLOW_STATUS'),
      )
      .addOption(
        new Option('--limit <n>', 'at most N workflows (1 to 500)')
          .default('20')
          .env('PROVISIONING_WORKFLOW_LIMIT'),
      )
      .addOption(
        new Option('--cursor <cursor>', 'the next page: the nextCursor a previous --output json printed').env(
          'PROVISIONING_WORKFLOW_CURSOR',
        ),
      );
  },
  handler: () => import('./handler.js'),
};

import type { CommandDefinition } from '../../cli/command-definition';
import { orchestratorStartCommand } from './start/command';
import { orchestratorTokenCommand } from './token/command';

export const orchestratorCommand: CommandDefinition = {
  name: 'orchestrator',
  summary: 'the workflow service: an HTTP API and workers over a shared store',
  description:
    "Run workflows for a team: `start` serves the API (docs/orchestrator-api.md) on 127.0.0.1:9090 and runs workers over the workspace's embedded SQLite store, or over PostgreSQL (--store postgres://…) shared by orchestrators on several machines. `token` prints the API token clients send.",
  examples: [
    {
      command: 'provisioning orchestrator start',
      description: 'serve this workspace on 127.0.0.1:9090 with one worker',
    },
    {
      command: 'provisioning orchestrator start --store postgres://orchestrator@db/provisioning --workers 4',
      description: 'one of several machines sharing a PostgreSQL store',
    },
    {
      command:
        'provisioning workflow submit workflows/rollout.yaml --orchestrator http://127.0.0.1:9090 --wait',
      description: 'then submit to it',
    },
  ],
  subcommands: [orchestratorStartCommand, orchestratorTokenCommand],
};

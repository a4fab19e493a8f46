import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const orchestratorStartCommand: CommandDefinition = {
  name: 'start',
  summary: 'serve the workflow API and run workers until SIGTERM',
  description:
    'Starts the orchestrator in the foreground, logging JSON lines (pino) to stdout. The first start writes a random API token to .provisioning/orchestrator.token (mode 0600). On SIGTERM or Ctrl-C it stops accepting requests, gives running steps 10 s to finish, and checkpoints the rest as interrupted: the next start (or another worker) runs them again. Binds 127.0.0.1 unless --listen says otherwise; put a TLS proxy in front before exposing it.',
  examples: [
    {
      command: 'provisioning orchestrator start',
      description: 'this workspace, embedded store, 127.0.0.1:9090',
    },
    {
      command:
        'provisioning orchestrator start --store postgres://orchestrator@db/provisioning --workers 4 --listen 0.0.0.0:9090',
      description: 'a shared PostgreSQL store; several machines can run this',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option(
          '--store <location>',
          "sqlite:PATH (default: the workspace's .provisioning/workflows.db) or postgres://user@host/db",
        ).env('PROVISIONING_ORCHESTRATOR_STORE'),
      )
      .addOption(
        new Option('--workers <n>', 'workers in this process, each leasing steps on its own')
          .env('PROVISIONING_ORCHESTRATOR_WORKERS')
          .default('1'),
      )
      .addOption(
        new Option('--listen <host:port>', 'where the API listens')
          .env('PROVISIONING_ORCHESTRATOR_LISTEN')
          .default('127.0.0.1:9090'),
      );
  },
  handler: () => import('./handler.js'),
};

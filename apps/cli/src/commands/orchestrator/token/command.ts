import type { CommandDefinition } from '../../../cli/command-definition';

export const orchestratorTokenCommand: CommandDefinition = {
  name: 'token',
  summary: "print the orchestrator's API token (created by its first start)",
  examples: [
    { command: 'provisioning orchestrator token', description: "the token of this workspace's orchestrator" },
    {
      command:
        'curl -H "Authorization: Bearer $(provisioning orchestrator token)" http://127.0.0.1:9090/v1/workflows',
      description: 'call the API by hand',
    },
  ],
  handler: () => import('./handler.js'),
};

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { listInfras } from '@provisioning/engine';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

export function registerListInfras(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'list_infras',
    {
      title: 'List infras',
      description:
        'The infras of the workspace: name, how many servers and taskserv entries, and which one is the default.',
      inputSchema: {},
      outputSchema: {
        workspace: z.string().describe('the workspace root'),
        infras: z.array(
          z.object({
            name: z.string(),
            servers: z.number().describe('how many servers it defines'),
            taskservs: z.number().describe('how many taskserv entries it defines'),
            default: z.boolean().describe('whether tools use it when no infra is named'),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guarded(ctx.redactor, async () => ({
        workspace: ctx.options.workspace,
        infras: await listInfras({
          workspace: ctx.options.workspace,
          env: ctx.options.env,
          providers: ctx.options.providers,
        }),
      })),
  );
}

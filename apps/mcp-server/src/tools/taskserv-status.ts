import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';
import { selectionShape } from './plan';

export function registerTaskservStatus(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'taskserv_status',
    {
      title: 'Taskserv status',
      description:
        'Per taskserv entry and host: converged, pending, not-installed or error, from a fresh read-only plan and the recorded state. Changes nothing.',
      inputSchema: selectionShape,
      outputSchema: {
        infra: z.string(),
        taskservs: z.array(
          z.object({
            taskserv: z.string(),
            hosts: z.array(
              z.object({
                host: z.string(),
                status: z.enum(['converged', 'pending', 'not-installed', 'error']),
                changes: z.number(),
                installed: z
                  .object({ version: z.string(), runId: z.string(), installedAt: z.string() })
                  .optional()
                  .describe('what the state store recorded'),
                error: z.string().optional(),
              }),
            ),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ infra, servers, taskservs }, extra) =>
      guarded(ctx.redactor, () =>
        ctx.withInfra(infra, async (handle) => ({
          ...(await handle.taskservStatus({ servers, taskservs, signal: extra.signal })),
        })),
      ),
  );
}

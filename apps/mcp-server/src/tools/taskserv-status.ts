import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
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

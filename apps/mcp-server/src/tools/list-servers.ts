import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

export function registerListServers(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'list_servers',
    {
      title: 'List servers',
      description:
        'The servers of an infra (the default infra when none is named): name, address, user, provider, labels and where each is defined.',
      inputSchema: {
        infra: z.string().min(1).optional().describe('the infra to list; the workspace default when omitted'),
      },
      outputSchema: {
        infra: z.string(),
        servers: z.array(
          z.object({
            name: z.string(),
            address: z.string().optional(),
            user: z.string().optional(),
            port: z.number().optional(),
            provider: z.string().optional(),
            labels: z.record(z.string(), z.string()).optional(),
            source: z.string().describe('file:line:col where the server is defined'),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ infra }) =>
      guarded(ctx.redactor, () =>
        ctx.withInfra(infra, async (handle) => ({
          infra: handle.name,
          servers: handle.servers.map((s) => ({
            name: s.name,
            address: s.address,
            user: s.user,
            port: s.port,
            provider: s.provider,
            labels: s.labels,
            source: `${s.source.file}:${s.source.line}:${s.source.col}`,
          })),
        })),
      ),
  );
}

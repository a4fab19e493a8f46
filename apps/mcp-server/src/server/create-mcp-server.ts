import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerApply } from '../tools/apply';
import { registerListInfras } from '../tools/list-infras';
import { registerListServers } from '../tools/list-servers';
import { registerPlan } from '../tools/plan';
import { registerTaskservStatus } from '../tools/taskserv-status';
import { registerValidate } from '../tools/validate';
import { ServerContext, type ServerOptions } from './server-context';

export const SERVER_NAME = 'provisioning';

/** The MCP server over one workspace: every tool calls the engine API, never a connection or the store. */
export function createMcpServer(options: ServerOptions, version = '0.0.0'): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version },
    {
      instructions:
        'Provisioning plans and applies infrastructure over SSH. Call validate, then plan; show the plan summary and ask before apply, which needs the planId.',
    },
  );
  const ctx = new ServerContext(options);
  for (const register of [
    registerListInfras,
    registerListServers,
    registerValidate,
    registerPlan,
    registerApply,
    registerTaskservStatus,
  ])
    register(server, ctx);
  return server;
}

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerSchemaResources } from '../resources/schemas';
import { registerSettingsResources } from '../resources/settings';
import { registerApply } from '../tools/apply';
import { registerListInfras } from '../tools/list-infras';
import { registerListServers } from '../tools/list-servers';
import { registerPlan } from '../tools/plan';
import { registerSearchExtensions } from '../tools/search-extensions';
import { registerTaskservStatus } from '../tools/taskserv-status';
import { registerValidate } from '../tools/validate';
import { registerWorkflowStatus } from '../tools/workflow-status';
import { registerWorkflowSubmit } from '../tools/workflow-submit';
import type { ServerContext } from './server-context';

export const SERVER_NAME = 'provisioning';

/**
 * The MCP server over one workspace: every tool calls the engine API, never a connection or the
 * store. Several servers may share one context (one per HTTP request), so plan ids and the
 * workflow worker belong to the context, not to a server.
 */
export function createMcpServer(ctx: ServerContext, version = '0.0.0'): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version },
    {
      instructions:
        'Provisioning plans and applies infrastructure over SSH. Call validate, then plan; show the plan summary and ask before apply, which needs the planId. workflow_submit runs a durable workflow at once: confirm it with the user too.',
    },
  );
  for (const register of [
    registerListInfras,
    registerListServers,
    registerValidate,
    registerPlan,
    registerApply,
    registerTaskservStatus,
    registerSearchExtensions,
    registerWorkflowSubmit,
    registerWorkflowStatus,
  ])
    register(server, ctx);
  registerSettingsResources(server, ctx);
  registerSchemaResources(server);
  return server;
}

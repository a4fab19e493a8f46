import { serve, type ServerType } from '@hono/node-server';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { loadOrCreateToken, TOKEN_FILE, tokenMatches } from '@provisioning/engine';
import { Hono } from 'hono';
import { join } from 'node:path';
import { createMcpServer } from '../server/create-mcp-server';
import type { ServerContext } from '../server/server-context';
import { originAllowed } from './origin-check';

export interface HttpServerOptions {
  listen: { hostname: string; port: number };
  /** Browser origins allowed besides localhost ones. */
  allowedOrigins: readonly string[];
  /** The bearer token's file (default: the workspace's orchestrator token, created if missing). */
  tokenFile?: string;
  version?: string;
}

export interface RunningHttpServer {
  /** `http://127.0.0.1:PORT/mcp` */
  url: string;
  tokenFile: string;
  close(): Promise<void>;
}

/** The JSON-RPC error body MCP clients read, with a hint as the orchestrator's errors carry one. */
function refusal(message: string, hint: string) {
  return { jsonrpc: '2.0', error: { code: -32001, message, data: { hint } }, id: null };
}

/**
 * Serves MCP over Streamable HTTP at /mcp, stateless: each request gets its own server and
 * transport over the one shared context (plans, the workflow worker). The Origin header is checked
 * first (403), then the bearer token (401), the same token file the orchestrator uses.
 */
export async function startHttpServer(
  ctx: ServerContext,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const tokenFile = options.tokenFile ?? join(ctx.options.workspace, TOKEN_FILE);
  const { token } = loadOrCreateToken(tokenFile);
  const app = new Hono();
  app.use('*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (!originAllowed(origin, options.allowedOrigins))
      return c.json(
        refusal(
          `origin ${origin} is not allowed`,
          'only localhost pages may call this server; start it with --allowed-origin ORIGIN to allow another',
        ),
        403,
      );
    const header = c.req.header('Authorization');
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!tokenMatches(token, given)) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json(
        refusal(
          'missing or wrong bearer token',
          `send 'Authorization: Bearer <token>'; the token is in ${tokenFile} ('provisioning orchestrator token' prints it)`,
        ),
        401,
      );
    }
    return next();
  });
  app.all('/mcp', async (c) => {
    const server = createMcpServer(ctx, options.version);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  const listening = await new Promise<ServerType>((ready, fail) => {
    const http = serve(
      { fetch: app.fetch, hostname: options.listen.hostname, port: options.listen.port },
      () => ready(http),
    );
    http.once('error', fail);
  });
  const address = listening.address();
  const port = typeof address === 'object' && address ? address.port : options.listen.port;
  const host = options.listen.hostname.includes(':')
    ? `[${options.listen.hostname}]`
    : options.listen.hostname;
  return {
    url: `http://${host}:${port}/mcp`,
    tokenFile,
    close: () => new Promise<void>((done) => listening.close(() => done())),
  };
}

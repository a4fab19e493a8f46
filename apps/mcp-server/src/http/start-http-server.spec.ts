import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerContext } from '../server/server-context';
import { localWorkspace, motd, testEnv } from '../testing/mcp-test-workspace';
import { type RunningHttpServer, startHttpServer } from './start-http-server';

jest.setTimeout(60_000);

/** A real HTTP server on loopback, driven by the SDK's StreamableHTTPClientTransport. */
describe('MCP over Streamable HTTP', () => {
  let root: string;
  let target: string;
  let ctx: ServerContext;
  let running: RunningHttpServer;
  let token: string;
  const clients: Client[] = [];

  async function connect(headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'http-spec', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers } }),
    );
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-http-'));
    target = join(root, 'motd.txt');
    localWorkspace(root, target);
    ctx = new ServerContext({ workspace: root, env: testEnv(root), taskservs: new Map([[motd.name, motd]]) });
    running = await startHttpServer(ctx, {
      listen: { hostname: '127.0.0.1', port: 0 },
      allowedOrigins: ['https://console.example.test'],
    });
    token = readFileSync(running.tokenFile, 'utf8').trim();
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await running.close();
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("creates the workspace's orchestrator token file (mode 0600) and listens on loopback", () => {
    expect(running.tokenFile).toBe(join(root, '.provisioning', 'orchestrator.token'));
    expect(statSync(running.tokenFile).mode & 0o777).toBe(0o600);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('refuses a client without the token with 401', async () => {
    await expect(connect({})).rejects.toThrow(/401|missing or wrong bearer token/);
    await expect(connect({ Authorization: 'Bearer not-the-token' })).rejects.toThrow(/401|bearer token/);
  });

  it('refuses a foreign Origin with 403, even with the token', async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        Origin: 'https://evil.example.test',
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toMatch(
      /origin https:\/\/evil\.example\.test is not allowed/,
    );
    await expect(
      connect({ Authorization: `Bearer ${token}`, Origin: 'http://localhost.evil.example.test' }),
    ).rejects.toThrow(/403|not allowed/);
  });

  it('serves the tools with the token, from localhost or a configured origin; a plan id outlives its request', async () => {
    const client = await connect({ Authorization: `Bearer ${token}`, Origin: 'http://localhost:5173' });
    expect((await client.listTools()).tools).toHaveLength(9);
    const plan = await client.callTool({ name: 'plan', arguments: {} });
    const planId = (plan.structuredContent as { planId: string }).planId;
    expect(existsSync(target)).toBe(false);
    const configured = await connect({
      Authorization: `Bearer ${token}`,
      Origin: 'https://console.example.test',
    });
    const applied = await configured.callTool({ name: 'apply', arguments: { planId } });
    expect(applied.structuredContent).toMatchObject({ status: 'succeeded', changed: 1 });
    expect(existsSync(target)).toBe(true);
  });
});

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defineTaskserv, file } from '@provisioning/sdk';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { createMcpServer } from './create-mcp-server';

const CANARY = 'canary-7f3a9c2e-do-not-leak';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  params: z.object({ path: z.string(), text: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: `${params.text}\n`, mode: '0644' })],
});

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A workspace with one local host whose motd file carries the canary secret. */
function localWorkspace(root: string, target: string): void {
  writeFiles(root, {
    'provisioning.yaml': 'name: mcp-test\ndefault_infra: main\n',
    '.gitignore': '.provisioning/\n',
    'infra/main/servers.yaml': 'servers:\n  - { name: here, provider: local }\n',
    'infra/main/taskservs.yaml': `taskservs:\n  - { name: motd, servers: [here], params: { path: "${target}", text: "token {{secret.CANARY}}" } }\n`,
  });
}

async function connect(workspace: string, env: NodeJS.ProcessEnv): Promise<Client> {
  const server = createMcpServer({ workspace, env, taskservs: new Map([[motd.name, motd]]) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'spec', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

type Structured = Record<string, unknown> & { planId?: string };
async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await client.callTool({ name, arguments: args });
  return { result, data: result.structuredContent as Structured, text: JSON.stringify(result) };
}

jest.setTimeout(60_000);

describe('the MCP server over the engine API', () => {
  let root: string;
  let target: string;
  let client: Client;
  const env = (): NodeJS.ProcessEnv => ({
    HOME: root,
    XDG_CONFIG_HOME: join(root, 'xdg'),
    PATH: process.env['PATH'],
    PROVISIONING_SECRET_CANARY: CANARY,
  });

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-ws-'));
    target = join(root, 'motd.txt');
    localWorkspace(root, target);
    client = await connect(root, env());
  });
  afterEach(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists six tools, each with an input schema; apply alone is destructive', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'apply',
      'list_infras',
      'list_servers',
      'plan',
      'taskserv_status',
      'validate',
    ]);
    for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
    const destructive = tools.filter((t) => t.annotations?.destructiveHint === true).map((t) => t.name);
    expect(destructive).toEqual(['apply']);
    expect(tools.find((t) => t.name === 'plan')?.annotations?.readOnlyHint).toBe(true);
  });

  it('lists infras and servers with where each server is defined', async () => {
    expect((await call(client, 'list_infras')).data['infras']).toEqual([
      { name: 'main', servers: 1, taskservs: 1, default: true },
    ]);
    const servers = (await call(client, 'list_servers')).data['servers'] as Array<Record<string, unknown>>;
    expect(servers).toMatchObject([
      { name: 'here', provider: 'local', source: 'infra/main/servers.yaml:2:5' },
    ]);
  });

  it('validate returns every problem of a bad workspace with file:line:col', async () => {
    writeFiles(root, {
      'infra/main/servers.yaml': 'servers:\n  - { name: here, provider: local, port: "22a" }\n',
    });
    const { data } = await call(client, 'validate');
    expect(data['ok']).toBe(false);
    const diagnostics = data['diagnostics'] as Array<{ location: string; severity: string; path: string }>;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        location: 'infra/main/servers.yaml:2:42',
        severity: 'error',
        path: 'servers[0].port',
      }),
    );
  });

  it('plan changes nothing and returns a plan id; apply with it changes the host; the same id again is refused as stale', async () => {
    const planned = await call(client, 'plan');
    expect(planned.data.planId).toMatch(/^[0-9a-f-]{36}$/);
    expect(planned.data['changes']).toBe(1);
    expect(existsSync(target)).toBe(false);

    const applied = await call(client, 'apply', { planId: planned.data.planId });
    expect(applied.data).toMatchObject({ status: 'succeeded', changed: 1 });
    expect(readFileSync(target, 'utf8')).toBe(`token ${CANARY}\n`);

    const again = await call(client, 'apply', { planId: planned.data.planId });
    expect(again.result.isError).toBe(true);
    expect(again.text).toMatch(/is stale: infra main was applied since it was made; plan again/);
  });

  it('apply refuses a plan id it never issued, changing nothing', async () => {
    const refused = await call(client, 'apply', { planId: '00000000-0000-4000-8000-000000000000' });
    expect(refused.result.isError).toBe(true);
    expect(refused.text).toMatch(/no plan with id 00000000-0000-4000-8000-000000000000: call the plan tool/);
    expect(existsSync(target)).toBe(false);
  });

  it('taskserv_status reports the entry not-installed before apply and converged after', async () => {
    const before = (await call(client, 'taskserv_status')).data['taskservs'] as Array<{
      hosts: Array<{ status: string }>;
    }>;
    expect(before[0].hosts[0].status).toBe('not-installed');
    await call(client, 'apply', { planId: (await call(client, 'plan')).data.planId });
    const after = (await call(client, 'taskserv_status')).data['taskservs'] as Array<{
      hosts: Array<{ status: string }>;
    }>;
    expect(after[0].hosts[0].status).toBe('converged');
  });

  it('never shows the canary secret in any tool result or error', async () => {
    const texts: string[] = [];
    const record = async (name: string, args: Record<string, unknown> = {}) => {
      const { text, data } = await call(client, name, args).catch((error: Error) => ({
        text: error.message,
        data: {} as Structured,
      }));
      texts.push(text);
      return data;
    };
    await record('list_infras');
    await record('list_servers');
    await record('validate');
    const plan = await record('plan');
    await record('taskserv_status');
    await record('apply', { planId: plan.planId });
    await record('apply', { planId: plan.planId });
    await record('apply', { planId: CANARY });
    await record('list_servers', { infra: CANARY });
    // A broken file that quotes the secret: validate and plan must still mask it.
    writeFiles(root, {
      'infra/main/servers.yaml': `servers:\n  - { name: here, provider: local, port: "${CANARY}" }\n`,
    });
    await record('validate');
    await record('plan');
    expect(texts).toHaveLength(11);
    expect(readFileSync(target, 'utf8')).toContain(CANARY);
    for (const text of texts) expect(text).not.toContain(CANARY);
  });
});

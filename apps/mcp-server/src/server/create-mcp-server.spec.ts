import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CANARY,
  callTool as call,
  connectClient,
  localWorkspace,
  type Structured,
  testEnv,
  writeFiles,
} from '../testing/mcp-test-workspace';

jest.setTimeout(60_000);

describe('the MCP server over the engine API', () => {
  let root: string;
  let target: string;
  let client: Client;
  let close: () => Promise<void>;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-ws-'));
    target = join(root, 'motd.txt');
    localWorkspace(root, target);
    ({ client, close } = await connectClient(root, testEnv(root)));
  });
  afterEach(async () => {
    await close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists nine tools, each with an input and an output schema; only apply and workflow_submit are destructive', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'apply',
      'list_infras',
      'list_servers',
      'plan',
      'search_extensions',
      'taskserv_status',
      'validate',
      'workflow_status',
      'workflow_submit',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    const destructive = tools.filter((t) => t.annotations?.destructiveHint === true).map((t) => t.name);
    expect(destructive.sort()).toEqual(['apply', 'workflow_submit']);
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

  it('never shows the canary secret in any tool result, error or resource', async () => {
    const texts: string[] = [];
    const called = new Set<string>();
    const record = async (name: string, args: Record<string, unknown> = {}) => {
      called.add(name);
      const { text, data } = await call(client, name, args).catch((error: Error) => ({
        text: error.message,
        data: {} as Structured,
      }));
      texts.push(text);
      return data;
    };
    // A setting that refers to the secret: resources show the reference, never the value.
    writeFiles(root, {
      'provisioning.yaml':
        'name: mcp-test\ndefault_infra: main\nsettings:\n  ssh:\n    password: "{{secret.CANARY}}"\n',
    });
    await record('list_infras');
    await record('list_servers');
    await record('validate');
    const plan = await record('plan');
    await record('taskserv_status');
    await record('apply', { planId: plan.planId });
    await record('apply', { planId: plan.planId });
    await record('apply', { planId: CANARY });
    await record('list_servers', { infra: CANARY });
    await record('search_extensions', { query: CANARY });
    await record('search_extensions');
    // A workflow whose command prints the secret, and one that quotes it in a broken document.
    const submitted = await record('workflow_submit', {
      document:
        'name: leak\noperations:\n  - { id: a, type: command, servers: all, command: "echo {{secret.CANARY}}" }\n',
    });
    const id = (submitted['workflow'] as { id: string }).id;
    let final = '';
    for (let i = 0; i < 100 && (final === '' || final === 'running'); i++) {
      if (i > 0) await new Promise((done) => setTimeout(done, 100));
      final = ((await record('workflow_status', { id }))['workflow'] as { status: string }).status;
    }
    expect(final).toBe('succeeded');
    await record('workflow_status');
    await record('workflow_status', { id: CANARY });
    await record('workflow_submit', { document: `name: broken\noperations: ${CANARY}\n` });
    await record('workflow_submit', { file: `../${CANARY}.yaml` });
    // A broken file that quotes the secret: validate and plan must still mask it.
    writeFiles(root, {
      'infra/main/servers.yaml': `servers:\n  - { name: here, provider: local, port: "${CANARY}" }\n`,
    });
    await record('validate');
    await record('plan');
    const { tools } = await client.listTools();
    expect([...called].sort()).toEqual(tools.map((t) => t.name).sort());
    const { resources } = await client.listResources();
    for (const resource of resources)
      texts.push(JSON.stringify(await client.readResource({ uri: resource.uri })));
    texts.push(JSON.stringify(await client.readResource({ uri: 'provisioning://settings/main' })));
    // The infra file is broken by now: the default infra's settings and the four schemas are listed.
    expect(resources.map((r) => r.uri)).toContain('provisioning://settings');
    expect(resources).toHaveLength(5);
    expect(texts.join('\n')).toContain('{{secret.CANARY}}');
    expect(readFileSync(target, 'utf8')).toContain(CANARY);
    for (const text of texts) expect(text).not.toContain(CANARY);
  });
});

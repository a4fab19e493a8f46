import { defineTaskserv, file } from '@provisioning/sdk';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { startOrchestrator, type RunningOrchestrator } from '../server/start-orchestrator';

const note = defineTaskserv({
  name: 'note',
  version: '1.2.0',
  params: z.object({ path: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: 'noted\n', mode: '0644' })],
});

// A real orchestrator on a real port whose workspace has one local server and a taskserv entry:
// the read-only routes the control center shows (hosts, extensions) and its static files.
jest.setTimeout(60_000);

describe('orchestrator: hosts, extensions and the control center page', () => {
  let ws: string;
  let page: string;
  let orchestrator: RunningOrchestrator;
  const call = (path: string, token: string | null = orchestrator.token) =>
    fetch(`${orchestrator.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'orchestrator-inventory-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
    writeFileSync(
      join(ws, 'infra/main/taskservs.yaml'),
      `taskservs:\n  - { name: note, servers: [here], params: { path: "${join(ws, 'noted.txt')}" } }\n`,
    );
    page = join(ws, 'page');
    mkdirSync(page);
    writeFileSync(join(page, 'index.html'), '<!doctype html><title>cc</title>');
    orchestrator = await startOrchestrator({
      workspace: ws,
      listen: '127.0.0.1:0',
      logger: pino({ level: 'silent' }),
      graceMs: 100,
      taskservs: new Map([['note', note]]),
      controlCenterDir: page,
      env: { PROVISIONING_HOME: join(ws, 'home') },
    });
  });
  afterAll(async () => {
    await orchestrator.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('lists the hosts with what a workflow installed on them and when, from the state alone', async () => {
    expect(await (await call('/v1/hosts')).json()).toEqual({ infras: [{ name: 'main', hosts: [] }] });
    const submitted = await fetch(`${orchestrator.url}/v1/workflows`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${orchestrator.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        workflow: { name: 'install', operations: [{ id: 'note', type: 'taskserv', taskservs: ['note'] }] },
      }),
    });
    const { id } = (await submitted.json()) as { id: string };
    for (;;) {
      const detail = (await (await call(`/v1/workflows/${id}`)).json()) as { workflow: { status: string } };
      if (detail.workflow.status === 'succeeded') break;
      expect(detail.workflow.status).toBe('running');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readFileSync(join(ws, 'noted.txt'), 'utf8')).toBe('noted\n');
    const before = Date.now();
    const body = (await (await call('/v1/hosts?infra=main')).json()) as {
      infras: Array<{
        name: string;
        hosts: Array<{ host: string; lastInstalledAt: string; taskservs: unknown[] }>;
      }>;
    };
    expect(body.infras).toEqual([
      {
        name: 'main',
        hosts: [
          {
            host: 'here',
            lastInstalledAt: expect.any(String),
            taskservs: [
              { name: 'note', version: '1.2.0', installedAt: expect.any(String), runId: expect.any(String) },
            ],
          },
        ],
      },
    ]);
    expect(Date.parse(body.infras[0].hosts[0].lastInstalledAt)).toBeLessThanOrEqual(before);
    const unknown = await call('/v1/hosts?infra=nope');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /no infra "nope"/,
    );
  });

  it('lists the extension catalog with versions, sources and the one in use', async () => {
    const body = (await (await call('/v1/extensions')).json()) as { core: string; extensions: unknown[] };
    expect(body.core).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.extensions).toEqual([
      {
        name: 'note',
        kind: 'taskserv',
        version: '1.2.0',
        source: 'builtin',
        core: '*',
        fitsCore: true,
        used: true,
      },
    ]);
  });

  it('serves the page without a token, with a strict content policy, and nothing else without one', async () => {
    const response = await call('/', null);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toBe('<!doctype html><title>cc</title>');
    const missing = await call('/control-center/app.js', null);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { hint: string } }).error.hint).toMatch(
      /nx run orchestrator:build/,
    );
    for (const path of ['/control-center/other.js', '/index.html', '/v1/hosts', '/v1/extensions'])
      expect([path, (await call(path, null)).status]).toEqual([path, 401]);
  });
});

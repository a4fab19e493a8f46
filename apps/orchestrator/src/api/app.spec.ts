import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startOrchestrator, type RunningOrchestrator } from '../server/start-orchestrator';

// A real orchestrator: embedded SQLite store on disk, one worker, servers that are this machine
// (provider: local), the API on a real port. Most checks go through app.request()-equivalent
// fetches on the listening server; both paths run the same Hono app.
jest.setTimeout(60_000);

describe('orchestrator API', () => {
  let ws: string;
  let orchestrator: RunningOrchestrator;
  const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token !== null) headers.set('Authorization', `Bearer ${init.token ?? orchestrator.token}`);
    if (init.body) headers.set('Content-Type', 'application/json');
    return fetch(`${orchestrator.url}${path}`, { ...init, headers });
  };
  const submit = (workflow: unknown, headers: Record<string, string> = {}) =>
    call('/v1/workflows', { method: 'POST', body: JSON.stringify({ workflow }), headers });
  const echo = (id: string, extra = '') => ({
    id,
    type: 'command',
    servers: 'all',
    command: `echo ${id} >> ${join(ws, 'log')}${extra}`,
  });
  const waitFor = async (id: string, statuses: string[]) => {
    for (;;) {
      const body = (await (await call(`/v1/workflows/${id}`)).json()) as { workflow: { status: string } };
      if (statuses.includes(body.workflow.status)) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeEach(async () => {
    ws = mkdtempSync(join(tmpdir(), 'orchestrator-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
    orchestrator = await startOrchestrator({
      workspace: ws,
      listen: '127.0.0.1:0',
      logger: pino({ level: 'silent' }),
      graceMs: 100,
    });
  });
  afterEach(async () => {
    await orchestrator.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('answers 401 on every route but health without the token, which it keeps in a 0600 file', async () => {
    expect(statSync(join(ws, '.provisioning/orchestrator.token')).mode & 0o777).toBe(0o600);
    for (const [method, path] of [
      ['GET', '/v1/workflows'],
      ['POST', '/v1/workflows'],
      ['GET', '/v1/workflows/x'],
      ['GET', '/v1/workflows/x/events'],
      ['POST', '/v1/workflows/x/cancel'],
      ['GET', '/metrics'],
      ['GET', '/v1/openapi.json'],
    ]) {
      const response = await call(path, { method, token: null });
      expect([path, response.status]).toEqual([path, 401]);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'missing or wrong bearer token',
      );
    }
    expect((await call('/v1/workflows', { token: 'x'.repeat(43) })).status).toBe(401);
    const health = await call('/v1/health', { token: null });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', workers: 1, busy: 0 });
  });

  it('runs a submitted workflow and shows each step with its attempts and outputs', async () => {
    const response = await submit({
      name: 'deploy',
      operations: [echo('a'), { ...echo('b'), dependencies: ['a'] }],
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; status: string };
    expect(response.headers.get('location')).toBe(`/v1/workflows/${created.id}`);
    const detail = (await waitFor(created.id, ['succeeded'])) as unknown as {
      steps: Array<{ id: string; status: string; attempt: number; outputs: unknown }>;
    };
    expect(detail.steps.map(({ id, status, attempt }) => ({ id, status, attempt }))).toEqual([
      { id: 'a', status: 'succeeded', attempt: 1 },
      { id: 'b', status: 'succeeded', attempt: 1 },
    ]);
    expect(detail.steps[0].outputs).toEqual({
      hosts: [{ host: 'here', code: 0, stdout: '', stderr: '', durationMs: expect.any(Number) }],
    });
  });

  it('returns the same workflow for a resubmission with the same Idempotency-Key', async () => {
    const first = await submit(
      { name: 'once', operations: [{ id: 'a', type: 'noop' }] },
      { 'Idempotency-Key': 'release-42' },
    );
    const again = await submit(
      { name: 'once', operations: [{ id: 'a', type: 'noop' }] },
      { 'Idempotency-Key': 'release-42' },
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(((await (await call('/v1/workflows')).json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses an invalid workflow with 400 and located diagnostics, a body that is not JSON, and unknown fields', async () => {
    const yaml =
      'name: bad\noperations:\n  - { id: a, type: noop, dependencies: [b] }\n  - { id: b, type: noop, dependencies: [a] }\n';
    const invalid = await submit(yaml);
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as {
      error: {
        message: string;
        diagnostics: Array<{ line: number; col: number; code: string; message: string }>;
      };
    };
    expect(body.error.diagnostics).toEqual([
      {
        file: '<request body>',
        line: 3,
        col: 40,
        path: 'operations[0].dependencies',
        code: 'dependency-cycle',
        message:
          'the operations depend on each other in a cycle: a -> b -> a; remove one of these dependencies',
      },
    ]);
    const notJson = await call('/v1/workflows', { method: 'POST', body: '{"workflow": ' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /^the body is not JSON/,
    );
    const extra = await call('/v1/workflows', {
      method: 'POST',
      body: JSON.stringify({ workflow: 'x', priority: 1 }),
    });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(await extra.json())).not.toContain('    at ');
    expect(((await (await call('/v1/workflows')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('lists workflows by status, page by page, and answers 404 and 409 with a message', async () => {
    for (const name of ['w1', 'w2', 'w3']) await submit({ name, operations: [{ id: 'a', type: 'noop' }] });
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (
        await call(`/v1/workflows?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as { items: Array<{ name: string; id: string }>; nextCursor?: string };
      ids.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(['w3', 'w2', 'w1']);
    expect((await call('/v1/workflows?status=bogus')).status).toBe(400);
    expect((await call('/v1/workflows/wf-nope')).status).toBe(404);
    const [first] = ((await (await call('/v1/workflows')).json()) as { items: Array<{ id: string }> }).items;
    await waitFor(first.id, ['succeeded']);
    const resume = await call(`/v1/workflows/${first.id}/resume`, { method: 'POST' });
    expect(resume.status).toBe(409);
    expect(((await resume.json()) as { error: { message: string } }).error.message).toMatch(
      /is succeeded; only a failed or cancelled workflow can be resumed/,
    );
  });

  it('cancels a running workflow and rolls it back through the API', async () => {
    const response = await submit({
      name: 'long',
      operations: [
        {
          ...echo('first'),
          rollback: { type: 'command', servers: 'all', command: `echo undo-first >> ${join(ws, 'log')}` },
        },
        { id: 'wait', type: 'command', servers: 'all', command: 'sleep 30', dependencies: ['first'] },
      ],
    });
    const { id } = (await response.json()) as { id: string };
    for (;;) {
      const detail = (await (await call(`/v1/workflows/${id}`)).json()) as {
        steps: Array<{ id: string; status: string }>;
      };
      if (detail.steps.find((step) => step.id === 'wait')?.status === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await call(`/v1/workflows/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    await waitFor(id, ['cancelled']);
    expect((await call(`/v1/workflows/${id}/rollback`, { method: 'POST' })).status).toBe(200);
    await waitFor(id, ['rolled_back']);
    expect(readFileSync(join(ws, 'log'), 'utf8')).toBe('first\nundo-first\n');
  });

  it('streams events as SSE until the workflow ends, and resumes after Last-Event-ID without repeating one', async () => {
    const { id } = (await (
      await submit({ name: 'sse', operations: [echo('a'), { ...echo('b'), dependencies: ['a'] }] })
    ).json()) as { id: string };
    const read = async (headers: Record<string, string> = {}) => {
      const response = await call(`/v1/workflows/${id}/events`, { headers });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await response.text();
      return text
        .split('\n\n')
        .filter(Boolean)
        .map((block) =>
          Object.fromEntries(
            block
              .split('\n')
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          ),
        );
    };
    const all = await read();
    expect(all.map((event) => event.event)).toEqual([
      'workflow-submitted',
      'step-started',
      'step-succeeded',
      'step-started',
      'step-succeeded',
      'workflow-succeeded',
    ]);
    expect(JSON.parse(all[1].data)).toMatchObject({
      workflowId: id,
      type: 'step-started',
      stepId: 'a',
      seq: Number(all[1].id),
    });
    const rest = await read({ 'Last-Event-ID': all[2].id });
    expect(rest.map((event) => event.id)).toEqual(all.slice(3).map((event) => event.id));
  });

  it('exposes Prometheus metrics and its OpenAPI document', async () => {
    const { id } = (await (await submit({ name: 'm', operations: [echo('a')] })).json()) as { id: string };
    await waitFor(id, ['succeeded']);
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toContain('provisioning_workflow_queue_depth 0\n');
    expect(metrics).toContain('provisioning_workflow_steps{state="succeeded"} 1\n');
    expect(metrics).toMatch(/provisioning_workflow_step_duration_seconds_count\{outcome="succeeded"\} 1\n/);
    const openapi = (await (await call('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual([
      '/v1/workflows',
      '/v1/workflows/{id}',
      '/v1/workflows/{id}/events',
      '/v1/workflows/{id}/cancel',
      '/v1/workflows/{id}/resume',
      '/v1/workflows/{id}/rollback',
      '/v1/hosts',
      '/v1/extensions',
      '/v1/health',
      '/metrics',
      '/',
      '/v1/openapi.json',
    ]);
  });
});

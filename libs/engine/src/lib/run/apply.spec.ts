import { createSecretStore } from '@provisioning/config';
import { createLocalExecutor } from '@provisioning/remote';
import { defineTaskserv, directory, file, type TaskservDefinition } from '@provisioning/sdk';
import { SqliteStateStore } from '@provisioning/store';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadInfra } from '../../testing/workspace-fixture';
import { apply } from './apply';
import type { EngineEvent } from './engine-events';
import { plan } from './plan';
import type { RunPlan } from './run-plan';
import type { RunRequest } from './run-request';
import { StalePlanError } from './stale-plan-error';

// Each "host" is a local executor rooted in its own temp dir, so three hosts run side by side.
let root: string;
const hostDir = (host: string) => join(root, host);

const motd = defineTaskserv({
  name: 'motd',
  version: '1.2.0',
  params: z.object({ root: z.string(), text: z.string().default('hello') }),
  install: ({ params }) => [
    directory({ path: `${params.root}/etc` }),
    file({ path: `${params.root}/etc/motd`, content: `${params.text}\n`, mode: '0644' }),
  ],
  remove: ({ params }) => [{ kind: 'absent', id: 'motd', path: `${params.root}/etc/motd` } as never],
});

const tokenServer = defineTaskserv({
  name: 'token-server',
  version: '1.0.0',
  params: z.object({ root: z.string(), token: z.string() }),
  install: ({ params }) => [file({ path: `${params.root}/token`, content: params.token, mode: '0600' })],
  outputs: { token: { command: 'cat "$TOKEN_FILE" 2>/dev/null || cat /dev/null', secret: true } },
});

const tokenAgent = defineTaskserv({
  name: 'token-agent',
  version: '1.0.0',
  params: z.object({ root: z.string() }),
  install: ({ params, outputs }) => [
    file({
      path: `${params.root}/joined`,
      content: `token=${outputs('token-server')?.token ?? '(unknown)'}\n`,
      mode: '0600',
    }),
  ],
});

/** Writes which server it runs on and where every motd runs: what the engine says about the infra. */
const peers = defineTaskserv({
  name: 'peers',
  version: '1.0.0',
  params: z.object({ root: z.string() }),
  install: ({ params, infra }) => [
    file({
      path: `${params.root}/peers`,
      content: `${infra?.server}: ${infra?.servers
        .filter((server) => server.taskservs.some((entry) => entry.taskserv === 'motd'))
        .map((server) => server.name)
        .join(',')}\n`,
    }),
  ],
});

function taskservs(): Map<string, TaskservDefinition> {
  // The server's output command reads the token file of host "a".
  const server = {
    ...tokenServer,
    outputs: { token: { command: `cat ${hostDir('a')}/token`, secret: true } },
  };
  return new Map<string, TaskservDefinition>([
    ['motd', motd],
    ['token-server', server],
    ['token-agent', tokenAgent],
    ['peers', peers],
  ]);
}

function context(files: Record<string, string>, extra: Partial<RunRequest> = {}): RunRequest {
  const infra = loadInfra(files, extra.env);
  const registry = taskservs();
  const executors = new Map(['a', 'b', 'c'].map((host) => [host, createLocalExecutor({ host })]));
  return {
    infra,
    workspaceName: 'test',
    resolveTaskserv: (entry) => registry.get(entry.taskserv),
    executorFor: (host) => executors.get(host) as never,
    action: 'install',
    ...extra,
  };
}

const servers = `servers:
  - { name: a, provider: local }
  - { name: b, provider: local }
  - { name: c, provider: local }
`;
const motdInfra = (text: string) => ({
  'infra/main/servers.yaml': servers,
  'infra/main/taskservs.yaml': `taskservs:
  - name: motd
    servers: [a, b]
    params: { root: "${root}/{{env.HOST_DIR}}", text: "${text}" }
`,
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'engine-apply-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('plan and apply on real hosts (local executors)', () => {
  const files = (text: string) => ({
    'infra/main/servers.yaml': servers,
    'infra/main/taskservs.yaml': `taskservs:
  - name: motd
    servers: [a, b]
    params: { root: "${root}/shared", text: "${text}" }
`,
  });

  it('plans changes, applies them, and then finds nothing to change', async () => {
    const first = await plan(context(files('hello')));
    expect(first.changes).toBe(4);
    expect(first.hosts.map((h) => [h.host, h.status, h.operations.map((op) => [op.id, op.status])])).toEqual([
      [
        'a',
        'planned',
        [
          [`motd/directory:${root}/shared/etc`, 'change'],
          [`motd/file:${root}/shared/etc/motd`, 'change'],
        ],
      ],
      [
        'b',
        'planned',
        [
          [`motd/directory:${root}/shared/etc`, 'change'],
          [`motd/file:${root}/shared/etc/motd`, 'change'],
        ],
      ],
    ]);

    const result = await apply(context(files('hello'), { parallel: 1 }));
    expect(result.status).toBe('succeeded');
    expect(readFileSync(`${root}/shared/etc/motd`, 'utf8')).toBe('hello\n');
    // Host a created both; host b (same files here) then found them in place.
    expect(result.hosts.map((h) => [h.host, h.status, h.changed, h.unchanged])).toEqual([
      ['a', 'ok', 2, 0],
      ['b', 'ok', 0, 2],
    ]);

    // one facts round trip for every operation (the host facts read in it: these operations do
    // not depend on them), one script applying them
    expect(result.hosts[0].roundTrips).toBe(2);

    const again = await plan(context(files('hello')));
    expect(again.changes).toBe(0);
    const reapply = await apply(context(files('hello')));
    expect(reapply.changed).toBe(0);
    // converged: operation facts (host facts with them), nothing to send
    expect(reapply.hosts.map((h) => h.roundTrips)).toEqual([1, 1]);
  });

  it("tells each host's taskservs which server they run on and what the infra places on the others", async () => {
    const infra = {
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: motd, servers: [a, c], params: { root: "${root}/motd" } }
  - { name: peers, servers: [a, b], params: { root: "${root}/{{env.HOST_DIR}}" } }
`,
    };
    const run = (host: string) =>
      apply(context(infra, { env: { HOST_DIR: host }, servers: new Set([host]) }));
    expect((await run('a')).status).toBe('succeeded');
    expect((await run('b')).status).toBe('succeeded');
    // Server c is not in either run, yet both hosts see the motd placed on it.
    expect(readFileSync(`${root}/a/peers`, 'utf8')).toBe('a: a,c\n');
    expect(readFileSync(`${root}/b/peers`, 'utf8')).toBe('b: a,c\n');
  });

  it('changes exactly the operation a changed param touches, with a diff', async () => {
    await apply(context(files('hello')));
    const changed = await plan(context(files('goodbye')));
    const ops = changed.hosts.flatMap((h) => h.operations.filter((op) => op.status !== 'unchanged'));
    expect(ops.map((op) => op.id)).toEqual([
      `motd/file:${root}/shared/etc/motd`,
      `motd/file:${root}/shared/etc/motd`,
    ]);
    expect(ops[0].diff).toContain('-hello\n+goodbye');
  });

  it('passes an output from one host to a dependent step on another, and redacts it everywhere', async () => {
    const events: EngineEvent[] = [];
    const store = SqliteStateStore.open(join(root, 'state.db'));
    const ctx = context(
      {
        'infra/main/servers.yaml': servers,
        'infra/main/taskservs.yaml': `taskservs:
  - { name: token-server, servers: [a], params: { root: "${hostDir('a')}", token: "{{secret.TOKEN}}" } }
  - { name: token-agent, servers: [b, c], depends_on: [token-server], params: { root: "${root}/{{env.SECRET_DIR}}" } }
`,
      },
      {
        env: { SECRET_DIR: 'agents' },
        secrets: createSecretStore({ env: { PROVISIONING_SECRET_TOKEN: 's3cr3t-canary-7731' }, files: [] }),
        onEvent: (e) => events.push(e),
        store,
      },
    );
    mkdirSync(hostDir('a'), { recursive: true });
    mkdirSync(`${root}/agents`, { recursive: true });

    const planned = await plan({ ...ctx, onEvent: undefined });
    expect(planned.hosts.map((h) => [h.host, h.wave, h.status])).toEqual([
      ['a', 0, 'planned'],
      ['b', 1, 'known-after-apply'],
      ['c', 1, 'known-after-apply'],
    ]);

    const result = await apply(ctx);
    expect(result.status).toBe('succeeded');
    expect(readFileSync(`${root}/agents/joined`, 'utf8')).toBe('token=s3cr3t-canary-7731\n');
    const detail = await store.showRun(result.runId as string);
    expect(detail?.operations.length).toBeGreaterThan(0);
    const everything = JSON.stringify({ events, detail, planned, result });
    expect(everything).not.toContain('s3cr3t-canary-7731');
    expect((await store.listTaskservs('main')).map((t) => [t.host, t.name, t.version])).toEqual(
      expect.arrayContaining([
        ['a', 'token-server', '1.0.0'],
        ['b', 'token-agent', '1.0.0'],
      ]),
    );
    await store.close();
  });

  it('stops a failed host, skips what depends on it, and lets other hosts finish', async () => {
    writeFileSync(join(root, 'blocker'), 'a file where host a wants a directory');
    mkdirSync(hostDir('a'));
    const result = await apply(
      context({
        'infra/main/servers.yaml': servers,
        'infra/main/taskservs.yaml': `taskservs:
  - { name: motd, servers: [a], params: { root: "${root}/blocker" } }
  - { name: token-agent, servers: [b], depends_on: [motd], params: { root: "${root}" } }
  - { name: token-server, servers: [c], params: { root: "${hostDir('a')}", token: t } }
`,
      }),
    );
    expect(result.status).toBe('failed');
    const byHost = Object.fromEntries(result.hosts.map((h) => [h.host, h]));
    expect(byHost.a.status).toBe('failed');
    expect(byHost.a.error?.message).toMatch(/failed on host "a"/);
    expect(byHost.b.status).toBe('skipped');
    expect(byHost.b.skippedBecause).toBe('it depends on motd@a, which did not complete');
    expect(byHost.c.status).toBe('ok');
    expect(existsSync(`${root}/joined`)).toBe(false);
  });

  it('refuses a host whose facts changed since the plan, naming the operation and the facts, and applies the others', async () => {
    const ctx = context({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: motd-a, taskserv: motd, servers: [a], params: { root: "${hostDir('a')}", text: v1 } }
  - { name: motd-b, taskserv: motd, servers: [b], params: { root: "${hostDir('b')}", text: v1 } }
`,
    });
    mkdirSync(`${hostDir('a')}/etc`, { recursive: true });
    mkdirSync(`${hostDir('b')}/etc`, { recursive: true });
    writeFileSync(`${hostDir('a')}/etc/motd`, 'old\n');
    writeFileSync(`${hostDir('b')}/etc/motd`, 'old\n');
    const shown = await plan(ctx);
    expect(shown.changes).toBe(2);

    writeFileSync(`${hostDir('a')}/etc/motd`, "edited behind the tool's back\n");
    const result = await apply(ctx, { plan: shown });

    const byHost = Object.fromEntries(result.hosts.map((h) => [h.host, h]));
    expect(result.status).toBe('failed');
    expect(byHost.a.status).toBe('failed');
    expect(byHost.a.error?.stale).toEqual([
      { operationId: `motd-a/file:${hostDir('a')}/etc/motd`, changed: ['content', 'sha256', 'size'] },
    ]);
    expect(byHost.a.error?.message).toContain(
      `a changed since the plan was made, so nothing was applied on it: motd-a/file:${hostDir('a')}/etc/motd (content, sha256, size)`,
    );
    expect(readFileSync(`${hostDir('a')}/etc/motd`, 'utf8')).toBe("edited behind the tool's back\n");
    expect(byHost.b.status).toBe('ok');
    expect(readFileSync(`${hostDir('b')}/etc/motd`, 'utf8')).toBe('v1\n');
  });

  it('applies the plan object it made in one round trip per host: host facts and operation facts are not read again', async () => {
    const ctx = context(motdInfra('v1'), { env: { HOST_DIR: 'x' } });
    const shown = await plan(ctx);
    const result = await apply(ctx, { plan: shown });
    expect(result.status).toBe('succeeded');
    expect(result.hosts.map((h) => [h.host, h.roundTrips])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(readFileSync(`${root}/x/etc/motd`, 'utf8')).toBe('v1\n');
  });

  it('re-plans a saved plan (read back from JSON) on every host before applying, and still refuses a changed host', async () => {
    const ctx = context(motdInfra('v1'), { env: { HOST_DIR: 'x' } });
    mkdirSync(`${root}/x/etc`, { recursive: true });
    writeFileSync(`${root}/x/etc/motd`, 'old\n');
    const saved = JSON.parse(JSON.stringify(await plan(ctx))) as RunPlan;
    writeFileSync(`${root}/x/etc/motd`, 'edited\n');
    const result = await apply(ctx, { plan: saved });
    expect(result.hosts.map((h) => [h.host, h.status, h.error?.stale?.[0].changed])).toEqual([
      ['a', 'failed', ['content', 'sha256', 'size']],
      ['b', 'failed', ['content', 'sha256', 'size']],
    ]);
    // the fresh plan (host facts read in it): the comparison happened on the controller, nothing was sent
    expect(result.hosts.map((h) => h.roundTrips)).toEqual([1, 1]);
    expect(readFileSync(`${root}/x/etc/motd`, 'utf8')).toBe('edited\n');
  });

  it('applies a plan whose hosts did not change, and refuses a plan of another infra or action outright', async () => {
    const ctx = context(motdInfra('v1'), { env: { HOST_DIR: 'x' } });
    const shown = await plan(ctx);
    await expect(apply({ ...ctx, action: 'remove' }, { plan: shown })).rejects.toThrow(StalePlanError);
    await expect(apply({ ...ctx, action: 'remove' }, { plan: shown })).rejects.toThrow(
      /^plan is stale: it was made to install, not to remove$/,
    );
    expect((await apply(ctx, { plan: shown })).status).toBe('succeeded');
    expect(readFileSync(`${root}/x/etc/motd`, 'utf8')).toBe('v1\n');
  });

  it('refuses a host whose desired state changed since the plan (the infra was edited), changing nothing there', async () => {
    const shown = await plan(context(motdInfra('v1'), { env: { HOST_DIR: 'x' } }));
    const result = await apply(context(motdInfra('v2'), { env: { HOST_DIR: 'x' } }), { plan: shown });
    expect(result.hosts.map((h) => [h.host, h.status])).toEqual([
      ['a', 'failed'],
      ['b', 'failed'],
    ]);
    expect(result.hosts[0].error?.stale?.[0].changed[0]).toMatch(
      /^planned "create .*" \(change\), now "create .*" \(change\)$/,
    );
    expect(existsSync(`${root}/x/etc/motd`)).toBe(false);
  });

  it('stops starting hosts once its infra lock is taken away, and reports the run as stopped for that', async () => {
    const store = SqliteStateStore.open(join(root, 'state.db'));
    let lost = false;
    const ctx = context(motdInfra('v1'), {
      env: { HOST_DIR: 'x' },
      parallel: 1,
      store,
      onEvent: (event) => {
        // Someone runs `provisioning state unlock` while host a is being worked on.
        if (event.type === 'host-finished' && event.host === 'a' && !lost) {
          lost = true;
          void store.getLock('main').then((lock) => lock && store.forceUnlock(lock.id));
        }
      },
    });
    const result = await apply(ctx, { serial: 1 });
    expect(result.lockLost).toBe(true);
    expect(result.status).toBe('failed');
    expect(result.stoppedBecause).toBe(
      'the infra lock was lost (forced unlock, or its lease expired): stopped starting hosts',
    );
    expect(result.hosts.map((h) => [h.host, h.status])).toEqual([
      ['a', 'ok'],
      ['b', 'skipped'],
    ]);
    expect((await store.showRun(result.runId as string))?.run.status).toBe('failed');
    await store.close();
  });

  it('marks a run whose lock it finds stale (its process was killed) as interrupted, not running forever', async () => {
    const store = SqliteStateStore.open(join(root, 'state.db'));
    // What a `kill -9` leaves: a run still "running", and its lock, whose lease then runs out.
    await store.acquireLock('main', { command: 'apply', leaseMs: 1 });
    const killed = await store.startRun({ infra: 'main', command: 'apply' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const result = await apply(context(motdInfra('v1'), { env: { HOST_DIR: 'x' }, store }));
    expect(result.status).toBe('succeeded');
    expect((await store.showRun(killed.id))?.run.status).toBe('interrupted');
    expect((await store.showRun(result.runId as string))?.run.status).toBe('succeeded');
    await store.close();
  });

  it('removes what install made, dependents first', async () => {
    await apply(context(files('hello')));
    const removed = await apply(context(files('hello'), { action: 'remove' }));
    expect(removed.status).toBe('succeeded');
    expect(existsSync(`${root}/shared/etc/motd`)).toBe(false);
  });
});

import { gatherHostFacts } from '@provisioning/operations';
import { createLocalExecutor } from '@provisioning/remote';
import { defineTaskserv, type Executor, file } from '@provisioning/sdk';
import { SqliteStateStore } from '@provisioning/store';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadInfra } from '../../testing/workspace-fixture';
import { apply } from './apply';
import { plan } from './plan';
import type { RunRequest } from './run-request';

// Host facts that an earlier run read are a guess the next run plans with, checked in the plan's
// own round trip. Each "host" is a local executor; every command sent to it is counted.
let root: string;
let store: SqliteStateStore;
let sent: Record<string, number>;

/** Writes what its host facts say, so a plan built from wrong facts would write the wrong file. */
const hostInfo = defineTaskserv({
  name: 'host-info',
  version: '1.0.0',
  params: z.object({ root: z.string() }),
  install: ({ params, host, infra }) => [
    file({
      path: `${params.root}/${infra?.server}.host-info`,
      content: `${host.hostname} ${host.osId} ${host.arch}\n`,
    }),
  ],
});

/** Its file's source is named after the OS: a guess of another OS names a file that is not there. */
const byOs = defineTaskserv({
  name: 'by-os',
  version: '1.0.0',
  params: z.object({ root: z.string() }),
  install: ({ params, host }) => [
    file({ path: `${params.root}/by-os.conf`, source: `${params.root}/${host.osId}.source` }),
  ],
});

/** Writes the same file on every host: its operations do not depend on the host facts. */
const plain = defineTaskserv({
  name: 'plain',
  version: '1.0.0',
  params: z.object({ root: z.string() }),
  install: ({ params, infra }) => [
    file({ path: `${params.root}/${infra?.server}.plain`, content: 'same\n' }),
  ],
});

function context(taskserv = 'host-info'): RunRequest {
  const infra = loadInfra({
    'infra/main/servers.yaml':
      'servers:\n  - { name: a, provider: local }\n  - { name: b, provider: local }\n',
    'infra/main/taskservs.yaml': `taskservs:
  - name: ${taskserv}
    servers: [a, b]
    params: { root: "${root}/x" }
`,
  });
  const executors = new Map(['a', 'b'].map((host) => [host, counted(createLocalExecutor({ host }))]));
  return {
    infra,
    workspaceName: 'test',
    resolveTaskserv: (entry) => ({ 'host-info': hostInfo, 'by-os': byOs, plain })[entry.taskserv],
    executorFor: (host) => executors.get(host) as Executor,
    action: 'install',
    store,
    parallel: 1,
  };
}

function counted(executor: Executor): Executor {
  return new Proxy(executor, {
    get(target, key, receiver) {
      if (key === 'exec')
        return (...args: Parameters<Executor['exec']>) => {
          sent[target.host] = (sent[target.host] ?? 0) + 1;
          return target.exec(...args);
        };
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const here = () => gatherHostFacts(createLocalExecutor({ host: 'here' }));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'engine-host-facts-'));
  store = SqliteStateStore.open(join(root, 'state.db'));
  sent = {};
});
afterEach(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('host facts remembered between runs', () => {
  it('reads host facts in their own round trip the first time, then inside the facts round trip of later runs', async () => {
    const first = await apply(context());
    expect(first.status).toBe('succeeded');
    // host facts, operation facts, the chain
    expect(first.hosts.map((h) => h.roundTrips)).toEqual([3, 3]);
    expect(Object.fromEntries(await store.rememberedHostFacts('main'))).toEqual({
      a: { ...(await here()) },
      b: { ...(await here()) },
    });

    sent = {};
    const again = await plan(context());
    expect(again.changes).toBe(0);
    expect(sent).toEqual({ a: 1, b: 1 });

    const converged = await apply(context());
    expect(converged.changed).toBe(0);
    expect(converged.hosts.map((h) => h.roundTrips)).toEqual([1, 1]);
  });

  it('plans operations that do not read the host facts at once, reading the host facts in the same round trip', async () => {
    const result = await apply(context('plain'));
    expect(result.status).toBe('succeeded');
    expect(readFileSync(join(root, 'x', 'a.plain'), 'utf8')).toBe('same\n');
    // the plan's facts (host facts with them), the chain
    expect(result.hosts.map((h) => h.roundTrips)).toEqual([2, 2]);
    expect(Object.fromEntries(await store.rememberedHostFacts('main'))).toEqual({
      a: { ...(await here()) },
      b: { ...(await here()) },
    });
  });

  it('plans again from what the host says when the remembered facts no longer hold, and remembers the new ones', async () => {
    const facts = await here();
    await store.rememberHostFacts('main', 'a', { ...facts, hostname: 'the-old-name', osId: 'alpine' });
    await store.rememberHostFacts('main', 'b', { ...facts });

    const result = await apply(context());
    expect(result.status).toBe('succeeded');
    expect(readFileSync(join(root, 'x', 'a.host-info'), 'utf8')).toBe(
      `${facts.hostname} ${facts.osId} ${facts.arch}\n`,
    );
    // a: the guessed plan (host facts read in it), the plan from the real facts, the chain; b: the
    // guessed plan held, the chain
    expect(result.hosts.map((h) => [h.host, h.roundTrips, h.changed])).toEqual([
      ['a', 3, 1],
      ['b', 2, 1],
    ]);
    expect((await store.rememberedHostFacts('main')).get('a')).toEqual({ ...facts });
  });

  it('ignores remembered facts of another shape (edited by hand) and reads the host facts first', async () => {
    await store.rememberHostFacts('main', 'a', { hostname: 42 });
    const result = await apply(context());
    expect(result.status).toBe('succeeded');
    expect(result.hosts.map((h) => h.roundTrips)).toEqual([3, 3]);
    expect((await store.rememberedHostFacts('main')).get('a')).toEqual({ ...(await here()) });
  });

  it('plans from the real facts when the guess names a source file this host does not have', async () => {
    const facts = await here();
    mkdirSync(join(root, 'x'));
    writeFileSync(join(root, 'x', `${facts.osId}.source`), 'for this os\n');
    await store.rememberHostFacts('main', 'a', { ...facts, osId: 'gentoo' });
    const result = await apply(context('by-os'));
    expect(result.status).toBe('succeeded');
    expect(readFileSync(join(root, 'x', 'by-os.conf'), 'utf8')).toBe('for this os\n');
    // a: nothing sent for the guess, then host facts, the plan, the chain; b: no guess, b wrote
    // nothing new (a's file is the same path here), so host facts and the plan
    expect(result.hosts.map((h) => [h.host, h.roundTrips])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });
});

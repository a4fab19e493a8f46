import { BUILTIN_SETTINGS, loadWorkspace, type Settings } from '@provisioning/config';
import {
  absent,
  type ClusterDefinition,
  defineCluster,
  defineTaskserv,
  file,
  quote,
  type TaskservDefinition,
} from '@provisioning/sdk';
import { SqliteStateStore } from '@provisioning/store';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeWorkspace } from '../../testing/workspace-fixture';
import type { ClusterContext } from './cluster-context';
import { clusterStatus, createCluster, deleteCluster, planClusterCreate } from './cluster-operations';

// Real runs on this machine (provider local), a real state store: the cluster logic end to end
// without SSH. Each "server" writes its own marker file, so what ran where is visible on disk.
jest.setTimeout(60_000);

const marker = defineTaskserv({
  name: 'marker',
  version: '1.0.0',
  params: z.object({ path: z.string(), content: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: `${params.content}\n`, mode: '0644' })],
  remove: ({ params }) => [absent({ path: params.path })],
  outputs: { seen: { command: 'echo leader-was-here' } },
});

function pairCluster(dir: string): ClusterDefinition {
  return defineCluster({
    name: 'pair',
    version: '1.0.0',
    params: z.object({ greeting: z.string().default('hello') }),
    roles: [
      {
        name: 'leader',
        counts: [1],
        taskservs: ({ server, params }) => [
          { taskserv: 'marker', params: { path: join(dir, `${server}.leader`), content: params.greeting } },
        ],
      },
      {
        name: 'member',
        optional: true,
        taskservs: ({ server, servers }) => [
          {
            taskserv: 'marker',
            params: { path: join(dir, `${server}.member`), content: `follows ${servers['leader']?.[0]}` },
          },
        ],
        drain: { on: 'leader', command: `echo {{server}} >> ${quote(join(dir, 'drained'))}` },
      },
    ],
    health: [
      {
        name: 'members-present',
        role: 'leader',
        command: (servers) =>
          (servers['member'] ?? []).map((m) => `test -f ${quote(join(dir, `${m}.member`))}`).join(' && ') ||
          'true',
      },
    ],
    outputs: {
      greeting: { role: 'leader', command: `cat ${quote(join(dir, 'l1.leader'))}` },
      config: { role: 'leader', command: 'echo secret-config', secret: true, file: 'config' },
    },
  });
}

describe('cluster create, scale, status and delete', () => {
  let root: string;
  let store: SqliteStateStore;
  let ctx: ClusterContext;

  const open = (members: string[]) => {
    writeFileSync(
      join(root, 'infra/main/cluster.yaml'),
      `clusters:\n  - name: duo\n    cluster: pair\n    roles:\n      leader: { servers: [l1] }\n      member: { servers: [${members.join(', ')}] }\n`,
    );
    const { workspace } = loadWorkspace(root, { env: {} });
    const settings: Settings = { ...BUILTIN_SETTINGS };
    const taskservs = new Map<string, TaskservDefinition>([['marker', marker]]);
    ctx = {
      infra: workspace.infras['main'],
      workspaceName: 'test',
      workspaceRoot: root,
      settings,
      store,
      resolveProvider: () => undefined,
      resolveCluster: (name) => (name === 'pair' ? pairCluster(join(root, 'out')) : undefined),
      resolveTaskserv: (entry) => taskservs.get(entry.taskserv),
      env: {},
    };
  };

  beforeEach(() => {
    root = writeWorkspace({
      'provisioning.yaml': 'name: test\ndefault_infra: main\n',
      'infra/main/servers.yaml': `servers:\n${['l1', 'm1', 'm2', 'm3'].map((name) => `  - { name: ${name}, provider: local }`).join('\n')}\n`,
      'out/.keep': '',
    });
    store = SqliteStateStore.open(join(root, '.provisioning', 'state.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('plans the roles in order with who joins, then creates: roles applied, health waited for, outputs read and saved', async () => {
    open(['m1', 'm2']);
    expect((await planClusterCreate(ctx, 'duo')).roles).toEqual([
      { name: 'leader', servers: ['l1'], joining: ['l1'], leaving: [] },
      { name: 'member', servers: ['m1', 'm2'], joining: ['m1', 'm2'], leaving: [] },
    ]);
    const result = await createCluster(ctx, 'duo');
    expect(result.run?.status).toBe('succeeded');
    expect(readFileSync(join(root, 'out/m2.member'), 'utf8')).toBe('follows l1\n');
    expect(result.health).toEqual([
      { name: 'members-present', role: 'leader', server: 'l1', healthy: true, attempts: 1 },
    ]);
    const configPath = join(root, '.provisioning/clusters/duo/config');
    expect(result.outputs).toEqual([
      { name: 'greeting', value: 'hello', secret: false },
      { name: 'config', value: configPath, file: configPath, secret: true },
    ]);
    expect(readFileSync(configPath, 'utf8')).toBe('secret-config\n');
  });

  it('scaling adds and drains exactly the difference', async () => {
    open(['m1', 'm2']);
    await createCluster(ctx, 'duo');
    open(['m1', 'm3']);
    const plan = await planClusterCreate(ctx, 'duo');
    expect(plan.roles[1]).toEqual({
      name: 'member',
      servers: ['m1', 'm3'],
      joining: ['m3'],
      leaving: ['m2'],
    });
    const result = await createCluster(ctx, 'duo');
    expect(result.drained).toEqual(['m2']);
    expect(readFileSync(join(root, 'out/drained'), 'utf8')).toBe('m2\n');
    expect(existsSync(join(root, 'out/m2.member'))).toBe(false);
    expect(existsSync(join(root, 'out/m3.member'))).toBe(true);
    const m1 = result.run?.hosts.find((host) => host.host === 'm1');
    expect(m1).toMatchObject({ changed: 0 });
    expect(
      (await store.listTaskservs('main')).map((record) => `${record.host}:${record.name}`).sort(),
    ).toEqual(['l1:duo-leader-l1', 'm1:duo-member-m1', 'm3:duo-member-m3']);
  });

  it('status says healthy with outputs once built, and not built before', async () => {
    open(['m1']);
    const before = await clusterStatus(ctx, 'duo');
    expect(before).toMatchObject({
      healthy: false,
      roles: [
        { name: 'leader', servers: [{ name: 'l1', member: false }] },
        { name: 'member', servers: [{ name: 'm1', member: false }] },
      ],
    });
    await createCluster(ctx, 'duo');
    const after = await clusterStatus(ctx, 'duo');
    expect(after.healthy).toBe(true);
    expect(after.outputs.map((output) => output.name)).toEqual(['greeting', 'config']);
  });

  it('delete removes what every role put on its servers and the saved outputs, and leaves no record', async () => {
    open(['m1', 'm2']);
    await createCluster(ctx, 'duo');
    const result = await deleteCluster(ctx, 'duo');
    expect(result.run?.status).toBe('succeeded');
    expect(result.servers.sort()).toEqual(['l1', 'm1', 'm2']);
    for (const file of ['l1.leader', 'm1.member', 'm2.member'])
      expect(existsSync(join(root, 'out', file))).toBe(false);
    expect(existsSync(join(root, '.provisioning/clusters/duo'))).toBe(false);
    expect(await store.listTaskservs('main')).toEqual([]);
  });

  it('refuses a cluster whose roles do not fit its extension, naming the file and the rule', async () => {
    writeFileSync(
      join(root, 'infra/main/cluster.yaml'),
      'clusters:\n  - name: duo\n    cluster: pair\n    roles:\n      leader: { servers: [l1, m1] }\n',
    );
    const { workspace } = loadWorkspace(root, { env: {} });
    open(['m1']);
    await expect(planClusterCreate({ ...ctx, infra: workspace.infras['main'] }, 'duo')).rejects.toThrow(
      /infra\/main\/cluster\.yaml:2:\d+ Cluster "duo" does not fit pair[\s\S]*role "leader" has 2 servers; pair allows 1/,
    );
  });
});

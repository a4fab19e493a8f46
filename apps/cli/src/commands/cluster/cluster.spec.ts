import { absent, defineCluster, defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

// Real runs on this machine (provider local) and a real state store.
jest.setTimeout(60_000);

const marker = defineTaskserv({
  name: 'marker',
  version: '1.0.0',
  params: z.object({ path: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: 'here\n', mode: '0644' })],
  remove: ({ params }) => [absent({ path: params.path })],
});

describe('provisioning cluster create / status / delete', () => {
  let ws: string;
  const pair = () =>
    defineCluster({
      name: 'pair',
      version: '1.0.0',
      params: z.object({}),
      roles: [
        {
          name: 'leader',
          counts: [1],
          taskservs: ({ server }) => [
            { taskserv: 'marker', params: { path: join(ws, 'out', `${server}.leader`) } },
          ],
        },
        {
          name: 'member',
          optional: true,
          taskservs: ({ server }) => [
            { taskserv: 'marker', params: { path: join(ws, 'out', `${server}.member`) } },
          ],
        },
      ],
      health: [{ name: 'leader-up', role: 'leader', command: `test -f ${join(ws, 'out', 'l1.leader')}` }],
      outputs: { where: { role: 'leader', command: 'echo on-l1' } },
    });
  const cli = (args: string[]) =>
    runCliForTest(args, {
      cwd: ws,
      env: { HOME: ws },
      taskservs: new Map<string, TaskservDefinition>([['marker', marker]]),
      clusters: new Map([['pair', pair()]]),
    });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-cluster-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    mkdirSync(join(ws, 'out'));
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(
      join(ws, 'infra/main/main.yaml'),
      'servers:\n  - { name: l1, provider: local }\n  - { name: m1, provider: local }\nclusters:\n  - name: duo\n    cluster: pair\n    roles:\n      leader: { servers: [l1] }\n      member: { servers: [m1] }\n',
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('plans, refuses to build unattended without --yes, builds with it, reports healthy, and deletes', async () => {
    const planned = await cli(['cluster', 'create', 'duo', '--check', '--no-color']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toBe(
      'Cluster duo (pair) in infra main\n  1. leader: l1; joining: l1\n  2. member: m1; joining: m1\n',
    );

    const refused = await cli(['cluster', 'create', 'duo']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('hint: pass --yes to build it, or --check to only see the plan');

    const built = await cli(['cluster', 'create', 'duo', '--yes', '--output', 'json']);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({
      healthy: true,
      outputs: [{ name: 'where', value: 'on-l1' }],
    });
    expect(readFileSync(join(ws, 'out/m1.member'), 'utf8')).toBe('here\n');

    const status = await cli(['cluster', 'status', 'duo', '--no-color']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/leader\s+l1\s+exists\s+yes/);
    expect(status.stdout).toContain('healthy  leader-up (on l1)');

    const deleted = await cli(['cluster', 'delete', 'duo', '--yes', '--no-color']);
    expect(deleted.code).toBe(0);
    expect(existsSync(join(ws, 'out/m1.member'))).toBe(false);
    expect((await cli(['cluster', 'status', 'duo'])).code).toBe(1);
  });

  it('names the clusters there are when asked for one that is not', async () => {
    const run = await cli(['cluster', 'status', 'nope']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: infra "main" has no cluster "nope"\nhint: clusters: duo\n');
  });
});

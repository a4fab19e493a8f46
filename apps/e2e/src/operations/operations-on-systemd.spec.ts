import { applyHost, planHost, type HostPlan } from '@provisioning/operations';
import { type ConnectionPool } from '@provisioning/remote';
import { command, download, group, pkg, service, template, user, type Operation } from '@provisioning/sdk';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

// The checks libs/operations asks the testbed suite for (libs/operations/README.md), as root over
// the real SSH executor on a host with systemd as PID 1. The operations mirror its systemExamples,
// except that the redis config names its data directory: without `dir`, redis runs in / (read-only
// under the unit's ProtectSystem), cannot save on shutdown, refuses to stop, and a restart hangs
// until systemd's stop timeout (found on this testbed).
const REDIS_CONF = 'bind 127.0.0.1\nport <%= it.port %>\ndir /var/lib/redis\n';
const redisOperations = (port: number): Operation[] => [
  pkg({ id: 'redis-pkg', names: ['redis-server'] }),
  template({
    id: 'redis-conf',
    path: '/etc/redis/redis.conf',
    template: REDIS_CONF,
    params: { port },
    owner: 'redis',
    group: 'redis',
    mode: '0640',
  }),
  service({ name: 'redis-server', enabled: true, state: 'started', restartOn: ['redis-conf'] }),
];

/** A hung command fails its test with a message instead of running into jest's timeout. */
const LIMIT = { timeoutMs: 60_000 };

describeOnTestbed('operations on a real systemd host', (testbed) => {
  let pool: ConnectionPool;
  let host: string;
  const exec = async (line: string): Promise<string> => {
    const result = await pool.exec(host, line, { timeoutMs: 120_000 });
    if (result.code !== 0) throw new Error(`${line} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  /** plan → apply → re-plan; returns the first plan and the apply result, and checks convergence. */
  const converge = async (operations: Operation[]) => {
    const executor = pool.executor(host);
    const plan = await planHost(executor, operations, LIMIT);
    const result = await applyHost(executor, plan, LIMIT);
    expect(result.error?.message).toBeUndefined();
    expect(result.status).toBe('ok');
    const again = await planHost(executor, operations, LIMIT);
    expect(
      again.operations.filter((op) => op.status !== 'unchanged').map((op) => `${op.id}: ${op.summary}`),
    ).toEqual([]);
    return { plan, result };
  };
  const planned = (plan: HostPlan, id: string) => plan.operations.find((op) => op.id === id);

  beforeAll(async () => {
    const h4 = hostAt(testbed(), 4);
    host = h4.name;
    pool = recordedPool([rootSpec(testbed(), h4)]).pool;
    // Start from a host that never had redis, curl, the app account or apt lists (a reused testbed
    // may have them). A redis left without `dir` cannot stop, so give it one and restart it hard.
    await exec(
      'if [ -f /etc/redis/redis.conf ]; then echo "dir /var/lib/redis" >> /etc/redis/redis.conf; systemctl kill -s KILL redis-server; fi; ' +
        'apt-get purge -y -qq redis-server redis-tools curl >/dev/null 2>&1; ' +
        'rm -rf /etc/redis /var/lib/apt/lists/*; userdel app 2>/dev/null; groupdel app 2>/dev/null; true',
    );
  });
  afterAll(() => pool.close());

  it('creates a system user and group for a daemon, then finds nothing to change', async () => {
    const { result } = await converge([
      group({ name: 'app', system: true }),
      user({ name: 'app', group: 'app', system: true, shell: '/usr/sbin/nologin', home: '/var/lib/app' }),
    ]);
    expect(result.changed).toBeGreaterThan(0);
    expect(await exec('getent passwd app | cut -d: -f6,7')).toBe('/var/lib/app:/usr/sbin/nologin\n');
  });

  it('installs redis with empty apt lists, writes its config and keeps it running', async () => {
    const { result } = await converge(redisOperations(6379));
    expect(result.changed).toBeGreaterThan(0);
    expect(await exec('systemctl is-active redis-server; systemctl is-enabled redis-server')).toBe(
      'active\nenabled\n',
    );
    expect(await exec('redis-cli -p 6379 ping')).toBe('PONG\n');
  });

  it('restarts redis when its config template changes, and plans that restart with the diff', async () => {
    const before = await exec('systemctl show -p ActiveEnterTimestampMonotonic --value redis-server');
    const plan = await planHost(pool.executor(host), redisOperations(6380), LIMIT);
    expect(planned(plan, 'redis-conf')?.diff).toContain('+port 6380');
    expect(planned(plan, 'service:redis-server')?.summary).toMatch(/restart/);
    const result = await applyHost(pool.executor(host), plan, LIMIT);
    expect(result.status).toBe('ok');
    expect(await exec('systemctl show -p ActiveEnterTimestampMonotonic --value redis-server')).not.toBe(
      before,
    );
    expect(await exec('redis-cli -p 6380 ping')).toBe('PONG\n');
  });

  it('creates, changes and removes a user and group, converging at every step', async () => {
    const name = `e2e${randomBytes(3).toString('hex')}`;
    const account = (shell: string, state: 'present' | 'absent') => [
      ...(state === 'present' ? [group({ name, gid: 4242 })] : []),
      user({
        name,
        group: state === 'present' ? name : undefined,
        groups: state === 'present' ? ['adm'] : undefined,
        shell,
        state,
      }),
      ...(state === 'absent' ? [group({ name, state: 'absent' })] : []),
    ];
    await converge(account('/bin/bash', 'present'));
    expect(await exec(command('id', name))).toMatch(
      new RegExp(`gid=4242\\(${name}\\) groups=4242\\(${name}\\),4\\(adm\\)`),
    );
    await converge(account('/bin/sh', 'present'));
    expect(await exec(command('getent', 'passwd', name))).toMatch(/:\/bin\/sh\n$/);
    await converge(account('/bin/sh', 'absent'));
    expect(await exec(`getent passwd ${name} || echo gone; getent group ${name} || echo gone`)).toBe(
      'gone\ngone\n',
    );
  });

  it('installs curl offline, downloads an artifact from the testbed artifact server and verifies its sha256', async () => {
    const { artifacts } = testbed();
    const name = `tool-${randomBytes(4).toString('hex')}.bin`;
    const content = randomBytes(200 * 1024);
    writeFileSync(join(artifacts.dir, name), content);
    try {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const { result } = await converge([
        pkg({ id: 'curl', names: ['curl'] }),
        download({ id: 'tool', url: `${artifacts.url}${name}`, sha256, path: `/usr/local/bin/${name}` }),
      ]);
      expect(result.changed).toBe(2);
      expect(await exec(command('sha256sum', `/usr/local/bin/${name}`))).toBe(
        `${sha256}  /usr/local/bin/${name}\n`,
      );
    } finally {
      rmSync(join(artifacts.dir, name));
    }
  });
});

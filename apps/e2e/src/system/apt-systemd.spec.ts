import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec, type RecordedPool } from '../support/remote-pool';

describeOnTestbed('offline apt and real systemd on a host', (testbed) => {
  let recorded: RecordedPool;
  let host: string;
  beforeAll(() => {
    const h3 = hostAt(testbed(), 3);
    host = h3.name;
    recorded = recordedPool([rootSpec(testbed(), h3)]);
  });
  afterAll(() => recorded.pool.close());

  it('apt knows only the local repository (the host has no route off the bridge)', async () => {
    const update = await recorded.pool.exec(host, 'apt-get update 2>&1; apt-cache policy redis-server');
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('file:/srv/localrepo');
    expect(update.stdout).not.toMatch(/deb\.debian\.org|security\.debian\.org/);
  });

  it('installs redis-server with apt-get, and systemd starts it', async () => {
    const install = await recorded.pool.exec(host, 'apt-get install -y redis-server', { env: { DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 180_000 });
    expect(install.code).toBe(0);
    expect((await recorded.pool.exec(host, 'systemctl is-active redis-server')).stdout).toBe('active\n');
    expect((await recorded.pool.exec(host, 'redis-cli ping')).stdout).toBe('PONG\n');
  });

  it('stops and starts the service through systemctl', async () => {
    await recorded.pool.exec(host, 'systemctl stop redis-server');
    expect((await recorded.pool.exec(host, 'systemctl is-active redis-server')).stdout).toBe('inactive\n');
    await recorded.pool.exec(host, 'systemctl start redis-server');
    expect((await recorded.pool.exec(host, 'systemctl is-active redis-server')).stdout).toBe('active\n');
  });
});

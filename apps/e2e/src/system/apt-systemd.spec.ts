import { describeOnTestbed } from '../support/on-testbed';
import { useRootPool } from '../support/remote-pool';

describeOnTestbed('offline apt and real systemd on a host', (testbed) => {
  const on = useRootPool(testbed, 3);

  it('apt knows only the local repository (the host has no route off the bridge)', async () => {
    const update = await on.recorded.pool.exec(on.host, 'apt-get update 2>&1; apt-cache policy redis-server');
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('file:/srv/localrepo');
    expect(update.stdout).not.toMatch(/deb\.debian\.org|security\.debian\.org/);
  });

  it('installs redis-server with apt-get, and systemd starts it', async () => {
    const install = await on.recorded.pool.exec(on.host, 'apt-get install -y redis-server', {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: 180_000,
    });
    expect(install.code).toBe(0);
    expect((await on.recorded.pool.exec(on.host, 'systemctl is-active redis-server')).stdout).toBe(
      'active\n',
    );
    expect((await on.recorded.pool.exec(on.host, 'redis-cli ping')).stdout).toBe('PONG\n');
  });

  it('stops and starts the service through systemctl', async () => {
    await on.recorded.pool.exec(on.host, 'systemctl stop redis-server');
    expect((await on.recorded.pool.exec(on.host, 'systemctl is-active redis-server')).stdout).toBe(
      'inactive\n',
    );
    await on.recorded.pool.exec(on.host, 'systemctl start redis-server');
    expect((await on.recorded.pool.exec(on.host, 'systemctl is-active redis-server')).stdout).toBe(
      'active\n',
    );
  });
});

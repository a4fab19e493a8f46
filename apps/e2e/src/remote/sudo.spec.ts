import { AuthError } from '@provisioning/remote';
import { command } from '@provisioning/sdk';
import { randomBytes } from 'node:crypto';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, sudoUserSpec, type RecordedPool } from '../support/remote-pool';

describeOnTestbed('sudo as a non-root user with a sudo password', (testbed) => {
  let recorded: RecordedPool;
  let host: string;
  beforeAll(() => {
    const spec = sudoUserSpec(testbed(), hostAt(testbed(), 2));
    host = spec.name;
    recorded = recordedPool([spec]);
  });
  afterAll(() => recorded.pool.close());

  it('logs in as the unprivileged user', async () => {
    const result = await recorded.pool.exec(host, 'id -un; id -u');
    expect(result.stdout).toBe(`${testbed().sudoUser.name}\n1000\n`);
  });

  it('runs a command as root through sudo, feeding the password without a terminal', async () => {
    const result = await recorded.pool.exec(host, 'id -u; whoami', { sudo: true });
    expect(result).toMatchObject({ code: 0, stdout: '0\nroot\n' });
  });

  it('keeps the command stdin usable under sudo', async () => {
    const result = await recorded.pool.exec(host, 'cat', { sudo: true, stdin: 'payload after the password' });
    expect(result.stdout).toBe('payload after the password');
  });

  it('writes a root-owned file through sudo', async () => {
    const path = `/etc/e2e-sudo-${randomBytes(4).toString('hex')}`;
    await recorded.pool
      .files(host)
      .writeFile(path, 'owned by root\n', { sudo: true, mode: 0o600, owner: 'root', group: 'root' });
    const check = await recorded.pool.exec(host, command('stat', '-c', '%U:%G %a', path), { sudo: true });
    expect(check.stdout).toBe('root:root 600\n');
    await recorded.pool.exec(host, command('rm', '-f', path), { sudo: true });
  });

  it('reports a wrong sudo password as an authentication failure, without printing the password', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const other = recordedPool([sudoUserSpec(testbed(), hostAt(testbed(), 2), wrong)]);
    try {
      const error = await other.pool.exec(host, 'id -u', { sudo: true }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as Error).message).not.toContain(wrong);
      expect(JSON.stringify(other.events)).not.toContain(wrong);
    } finally {
      await other.pool.close();
    }
  });
});

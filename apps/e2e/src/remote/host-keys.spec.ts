import { HostKeyChangedError, HostKeyUnknownError } from '@provisioning/remote';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

describeOnTestbed('host key verification against real sshd keys', (testbed) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-known-hosts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('connects when known_hosts holds the host key', async () => {
    const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 1))]);
    try {
      expect((await pool.exec(hostAt(testbed(), 1).name, 'true')).code).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('refuses an unknown host key and names its fingerprint', async () => {
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const h1 = hostAt(testbed(), 1);
    const { pool } = recordedPool([rootSpec(testbed(), h1, { knownHostsFiles: [knownHosts] })]);
    try {
      const error = await pool.exec(h1.name, 'true').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HostKeyUnknownError);
      expect((error as Error).message).toMatch(/SHA256:/);
      expect(readFileSync(knownHosts, 'utf8')).toBe('');
    } finally {
      await pool.close();
    }
  });

  it('accepts and records an unknown key on first use when told to, and then trusts it', async () => {
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const h1 = hostAt(testbed(), 1);
    const first = recordedPool([rootSpec(testbed(), h1, { knownHostsFiles: [knownHosts] })], {
      acceptNewHostKeys: true,
    });
    try {
      expect((await first.pool.exec(h1.name, 'true')).code).toBe(0);
      expect(first.events.some((event) => event.type === 'host-key-accepted')).toBe(true);
    } finally {
      await first.pool.close();
    }
    expect(readFileSync(knownHosts, 'utf8')).toContain(h1.hostKey);
    const second = recordedPool([rootSpec(testbed(), h1, { knownHostsFiles: [knownHosts] })]);
    try {
      expect((await second.pool.exec(h1.name, 'true')).code).toBe(0);
    } finally {
      await second.pool.close();
    }
  });

  it('refuses a changed host key even when new keys would be accepted', async () => {
    const [h1, h2] = [hostAt(testbed(), 1), hostAt(testbed(), 2)];
    const knownHosts = join(dir, 'known_hosts');
    // host 1's address recorded with host 2's key: what a man in the middle (or a reinstall) looks like
    writeFileSync(knownHosts, `${h1.address} ${h2.hostKey}\n`);
    const { pool } = recordedPool([rootSpec(testbed(), h1, { knownHostsFiles: [knownHosts] })], {
      acceptNewHostKeys: true,
    });
    try {
      const error = await pool.exec(h1.name, 'true').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HostKeyChangedError);
      expect(readFileSync(knownHosts, 'utf8')).toBe(`${h1.address} ${h2.hostKey}\n`);
    } finally {
      await pool.close();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { startLoopbackSshd, type LoopbackSshd } from '../../testing/loopback-sshd';
import { HostKeyChangedError, HostKeyUnknownError } from '../errors';
import { sha256Fingerprint } from '../known-hosts/host-key';
import { ConnectionPool } from '../pool/connection-pool';
import type { PoolEvent } from '../pool/events';

let sshd: LoopbackSshd;
let dir: string;
let knownHosts: string;
const serverFingerprint = () =>
  sha256Fingerprint(Buffer.from(sshd.hostPublicKey.split(' ')[1] ?? '', 'base64'));

beforeAll(async () => {
  sshd = await startLoopbackSshd();
});
afterAll(() => sshd?.stop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'host-key-checking-'));
  knownHosts = join(dir, 'known_hosts');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: { acceptNewHostKeys?: boolean; events?: PoolEvent[] } = {}) {
  const pool = new ConnectionPool({
    hosts: [sshd.hostSpec({ name: 'db1', knownHostsFiles: [knownHosts] })],
    acceptNewHostKeys: options.acceptNewHostKeys ?? false,
    connectRetry: { attempts: 1 },
    onEvent: (event) => options.events?.push(event),
  });
  try {
    return await pool.exec('db1', 'echo ok');
  } finally {
    await pool.close();
  }
}

describe('host key checking against a real sshd', () => {
  it('fails on an unknown host with the SHA256 fingerprint and what to do', async () => {
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    expect((error as Error).message).toContain(serverFingerprint());
    expect((error as Error).message).toContain(`[127.0.0.1]:${sshd.port}`);
    expect((error as HostKeyUnknownError).hint).toContain('ssh.strict_host_key_checking: accept-new');
  });

  it('connects when the key is recorded as a hashed entry (ssh-keygen -H)', async () => {
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|/);
    await expect(run()).resolves.toMatchObject({ stdout: 'ok\n' });
  });

  it('fails when the recorded key differs, even with acceptNewHostKeys', async () => {
    const other = utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${other}\n`);
    const error = await run({ acceptNewHostKeys: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyChangedError);
    expect((error as Error).message).toContain(serverFingerprint());
    expect((error as HostKeyChangedError).hint).toContain('ssh-keygen -R');
  });

  it('records the key on first use with acceptNewHostKeys, then trusts it without the option', async () => {
    const events: PoolEvent[] = [];
    await expect(run({ acceptNewHostKeys: true, events })).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'host-key-accepted',
        host: 'db1',
        fingerprint: serverFingerprint(),
        file: knownHosts,
      }),
    );
    await expect(run()).resolves.toMatchObject({ stdout: 'ok\n' });
  });
});

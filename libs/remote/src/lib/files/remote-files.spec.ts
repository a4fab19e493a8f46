import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '@provisioning/sdk';
import { startLoopbackSshd, willUseOpenSsh, type LoopbackSshd } from '../../testing/loopback-sshd';
import { ensureSudoTestUser } from '../../testing/test-user';
import { FileTransferError } from '../errors';
import { ConnectionPool } from '../pool/connection-pool';

let sshd: LoopbackSshd;
let pool: ConnectionPool;
let remoteDir: string;
let localDir: string;
const sudoUser = willUseOpenSsh() ? ensureSudoTestUser() : undefined;
// chown to another user needs root; on a laptop (in-process fallback server, no root) these are skipped, not faked
const asRoot = process.getuid?.() === 0 ? it : it.skip;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  sshd = await startLoopbackSshd();
  const hosts = [sshd.hostSpec({ name: 'files' })];
  if (sudoUser)
    hosts.push(
      sshd.hostSpec({ name: 'as-user', user: sudoUser.name, sudoPassword: { value: sudoUser.password } }),
    );
  pool = new ConnectionPool({ hosts });
});
afterAll(async () => {
  await pool?.close();
  await sshd?.stop();
});
beforeEach(async () => {
  // loopback: the "remote" filesystem is this machine's, which lets tests check results directly
  remoteDir = mkdtempSync(join(tmpdir(), 'remote-files-'));
  localDir = mkdtempSync(join(tmpdir(), 'local-files-'));
});
afterEach(() => {
  rmSync(remoteDir, { recursive: true, force: true });
  rmSync(localDir, { recursive: true, force: true });
});

describe('RemoteFiles over SFTP', () => {
  it('puts a local file and gets it back byte-exact', async () => {
    const data = randomBytes(300_000);
    writeFileSync(join(localDir, 'blob'), data);
    const files = pool.files('files');
    await files.put(join(localDir, 'blob'), `${remoteDir}/blob`);
    await files.get(`${remoteDir}/blob`, join(localDir, 'back'));
    expect(readFileSync(join(localDir, 'back')).equals(data)).toBe(true);
  });

  asRoot('sets mode, owner and group', async () => {
    const files = pool.files('files');
    await files.writeFile(`${remoteDir}/app.conf`, 'key=value\n', {
      mode: 0o640,
      owner: 'nobody',
      group: 'nogroup',
    });
    expect(await files.stat(`${remoteDir}/app.conf`)).toEqual({
      mode: 0o640,
      owner: 'nobody',
      group: 'nogroup',
      size: 10,
    });
  });

  asRoot('keeps the mode and owner of the file it replaces when none is given', async () => {
    const files = pool.files('files');
    await files.writeFile(`${remoteDir}/keep`, 'one', { mode: 0o600, owner: 'nobody' });
    await files.writeFile(`${remoteDir}/keep`, 'two!');
    expect(await files.stat(`${remoteDir}/keep`)).toMatchObject({ mode: 0o600, owner: 'nobody', size: 4 });
  });

  it('computes sha256 on the host without downloading, and null for a missing file', async () => {
    const files = pool.files('files');
    await files.writeFile(`${remoteDir}/hashed`, 'hash me');
    expect(await files.sha256(`${remoteDir}/hashed`)).toBe(sha256('hash me'));
    expect(await files.sha256(`${remoteDir}/missing`)).toBeNull();
  });

  it('replaces a file atomically: a reader looping on the host only ever sees the old or the new content', async () => {
    const files = pool.files('files');
    const target = `${remoteDir}/atomic.bin`;
    const versions = [randomBytes(2_000_000), randomBytes(2_000_000)];
    await files.writeFile(target, versions[0] ?? '');
    const reader = pool.exec(
      'files',
      `end=$(($(date +%s) + 3)); while [ $(date +%s) -lt $end ]; do sha256sum < ${target}; done`,
    );
    for (let i = 1; i <= 6; i++) await files.writeFile(target, versions[i % 2] ?? '');
    const seen = new Set(
      (await reader).stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(0, 64)),
    );
    expect(seen.size).toBeGreaterThan(0);
    for (const hash of seen) expect(versions.map(sha256)).toContain(hash);
    const leftovers = await pool.exec('files', command('ls', '-A', remoteDir));
    expect(leftovers.stdout).toBe('atomic.bin\n');
  });

  it('fails with FileTransferError naming host and path when the directory does not exist', async () => {
    const error = await pool
      .files('files')
      .writeFile(`${remoteDir}/no/such/dir/file`, 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTransferError);
    expect((error as Error).message).toContain('files:');
    expect((error as Error).message).toContain(`${remoteDir}/no/such/dir/file`);
  });

  it('refuses a relative remote path', async () => {
    await expect(pool.files('files').readFile('etc/passwd')).rejects.toThrow(/absolute/);
  });
});

describe('RemoteFiles with sudo', () => {
  const withUser = sudoUser ? it : it.skip;

  withUser('writes a root-owned file the login user could not write, and reads it back', async () => {
    const files = pool.files('as-user');
    const target = `${remoteDir}/root-only.conf`;
    await expect(files.writeFile(target, 'nope')).rejects.toBeInstanceOf(FileTransferError);
    await files.writeFile(target, 'secret=1\n', { mode: 0o600, owner: 'root', group: 'root', sudo: true });
    expect(await files.stat(target, { sudo: true })).toEqual({
      mode: 0o600,
      owner: 'root',
      group: 'root',
      size: 9,
    });
    expect((await files.readFile(target, { sudo: true })).toString()).toBe('secret=1\n');
    expect(await files.sha256(target, { sudo: true })).toBe(sha256('secret=1\n'));
    const staged = await pool.exec('as-user', 'ls -A /tmp | grep -c provisioning-upload || true');
    expect(staged.stdout.trim()).toBe('0');
  });
});

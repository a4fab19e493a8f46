import { command } from '@provisioning/sdk';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec, type RecordedPool } from '../support/remote-pool';

describeOnTestbed('SFTP file transfer on a real host', (testbed) => {
  let recorded: RecordedPool;
  let host: string;
  let dir: string;
  let localDir: string;
  beforeAll(async () => {
    const h2 = hostAt(testbed(), 2);
    host = h2.name;
    recorded = recordedPool([rootSpec(testbed(), h2)]);
    dir = `/tmp/e2e-sftp-${randomBytes(4).toString('hex')}`;
    await recorded.pool.exec(host, command('mkdir', '-p', dir));
    localDir = mkdtempSync(join(tmpdir(), 'e2e-sftp-'));
  });
  afterAll(async () => {
    await recorded.pool.exec(host, command('rm', '-rf', dir));
    await recorded.pool.close();
    rmSync(localDir, { recursive: true, force: true });
  });

  it('writes 1 MiB of binary data byte-exact, with the requested mode, and reads it back', async () => {
    const data = randomBytes(1024 * 1024);
    const files = recorded.pool.files(host);
    await files.writeFile(`${dir}/blob.bin`, data, { mode: 0o640 });
    const remote = await recorded.pool.exec(
      host,
      command('sh', '-c', 'sha256sum "$1" | cut -d" " -f1; stat -c %a "$1"', 'sh', `${dir}/blob.bin`),
    );
    expect(remote.stdout).toBe(`${createHash('sha256').update(data).digest('hex')}\n640\n`);
    expect((await files.readFile(`${dir}/blob.bin`)).equals(data)).toBe(true);
  });

  it('replaces a file atomically, leaving no temporary file beside it', async () => {
    const files = recorded.pool.files(host);
    await files.writeFile(`${dir}/config`, 'version 1\n');
    await files.writeFile(`${dir}/config`, 'version 2\n');
    const listing = await recorded.pool.exec(host, command('ls', '-A', dir));
    const entries = listing.stdout.split('\n').filter(Boolean);
    expect(entries).toContain('config');
    expect(entries.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await files.readFile(`${dir}/config`)).toString()).toBe('version 2\n');
  });

  it('uploads and downloads local files', async () => {
    const source = join(localDir, 'upload.txt');
    writeFileSync(source, 'über unicode ✓\n');
    const files = recorded.pool.files(host);
    await files.put(source, `${dir}/upload.txt`);
    await files.get(`${dir}/upload.txt`, join(localDir, 'download.txt'));
    expect(readFileSync(join(localDir, 'download.txt'), 'utf8')).toBe('über unicode ✓\n');
  });
});

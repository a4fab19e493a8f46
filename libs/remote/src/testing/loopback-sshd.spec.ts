import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionLostError } from '../lib/errors';
import { ConnectionPool } from '../lib/pool/connection-pool';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd';

// The in-process ssh2 server is the fallback on machines without OpenSSH: keep it honest by
// running the library's main paths against it here, where both exist.
describe('in-process fallback server', () => {
  let server: LoopbackSshd;
  let pool: ConnectionPool;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    server = await startLoopbackSshd({ forceInProcess: true, maxSessions: 3 });
    pool = new ConnectionPool({ hosts: [server.hostSpec({ name: 'fallback', maxSessions: 3 })] });
  });
  afterAll(async () => {
    await pool?.close();
    await server?.stop();
    warn.mockRestore();
  });

  it('says loudly that it is not OpenSSH', () => {
    expect(server.kind).toBe('in-process');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('IN-PROCESS'));
  });

  it('runs commands with exit codes, stdin and stderr', async () => {
    await expect(pool.exec('fallback', 'cat; echo e >&2; exit 2', { stdin: 'in' })).resolves.toMatchObject({
      code: 2,
      stdout: 'in',
      stderr: 'e\n',
    });
  });

  it('queues past its MaxSessions', async () => {
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => pool.exec('fallback', `echo ${i}`)),
    );
    expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 9 }, (_, i) => `${i}\n`));
  });

  it('serves SFTP writes and reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fallback-files-'));
    try {
      await pool.files('fallback').writeFile(`${dir}/f`, 'data', { mode: 0o600 });
      expect((await pool.files('fallback').readFile(`${dir}/f`)).toString()).toBe('data');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops connections on request, and the pool reconnects', async () => {
    const inFlight = pool.exec('fallback', 'sleep 5');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.killConnections()).toBe(1);
    await expect(inFlight).rejects.toBeInstanceOf(ConnectionLostError);
    await expect(pool.exec('fallback', 'echo again')).resolves.toMatchObject({ stdout: 'again\n' });
  });
});

import { createServer, type Server } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackSshd, type LoopbackSshd } from '../../testing/loopback-sshd';
import { freePort } from '../../testing/free-port';
import { generateEd25519Key } from '../../testing/keys';
import { sha256Fingerprint } from '../known-hosts/host-key';
import { appendKnownHost } from '../known-hosts/known-hosts-file';
import { ConnectionPool } from '../pool/connection-pool';
import { probeSsh } from './probe-ssh';
import { scanSsh } from './scan-ssh';

let sshd: LoopbackSshd;
let dir: string;
const serverKey = () => sshd.hostPublicKey.split(' ')[1] ?? '';

beforeAll(async () => {
  sshd = await startLoopbackSshd();
});
afterAll(() => sshd?.stop());
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scan-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('probeSsh', () => {
  it("reads the server's banner and host key without authenticating", async () => {
    const outcome = await probeSsh('127.0.0.1', sshd.port, { timeoutMs: 5000 });
    expect(outcome).toEqual({
      state: 'ssh',
      banner: expect.stringMatching(/^SSH-2\.0-/),
      hostKey: {
        type: 'ssh-ed25519',
        base64: serverKey(),
        fingerprint: sha256Fingerprint(Buffer.from(serverKey(), 'base64')),
      },
    });
  });

  it('reports a closed port as closed', async () => {
    const port = await freePort();
    expect(await probeSsh('127.0.0.1', port, { timeoutMs: 2000 })).toMatchObject({ state: 'closed' });
  });

  it('reports a port that answers but does not speak SSH as open, with what it said', async () => {
    const server: Server = createServer((socket) => socket.end('HTTP/1.0 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      expect(await probeSsh('127.0.0.1', port, { timeoutMs: 2000 })).toMatchObject({ state: 'open' });
    } finally {
      server.close();
    }
  });

  it('gives up on a silent port after the timeout', async () => {
    const server: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const started = Date.now();
      expect(await probeSsh('127.0.0.1', port, { timeoutMs: 300 })).toMatchObject({
        state: 'open',
        reason: 'no answer within 300 ms',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      server.close();
    }
  });
});

describe('scanSsh', () => {
  it('finds the SSH server in a range and says whether its key is known, unknown or changed', async () => {
    const knownHosts = join(dir, 'known_hosts');
    const scan = () =>
      scanSsh({ cidr: '127.0.0.0/30', port: sshd.port, timeoutMs: 3000, knownHostsFiles: [knownHosts] });
    const first = await scan();
    expect(first.scanned).toBe(2);
    expect(first.found).toEqual([
      expect.objectContaining({ address: '127.0.0.1', port: sshd.port, known: 'unknown' }),
    ]);
    appendKnownHost(knownHosts, '127.0.0.1', sshd.port, 'ssh-ed25519', serverKey());
    expect((await scan()).found[0].known).toBe('known');
    const other = generateEd25519Key(join(dir, 'other')).split(' ')[1];
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ssh-ed25519 ${other}\n`);
    expect((await scan()).found[0].known).toBe('changed');
  });

  it('records a key the pool then trusts for that address and port', async () => {
    const knownHosts = join(dir, 'known_hosts');
    const [host] = (await scanSsh({ cidr: '127.0.0.1/32', port: sshd.port, timeoutMs: 3000 })).found;
    appendKnownHost(knownHosts, host.address, host.port, host.hostKey.type, host.hostKey.base64);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ssh-ed25519 ${serverKey()}\n`);
    const pool = new ConnectionPool({
      hosts: [sshd.hostSpec({ name: 'found', knownHostsFiles: [knownHosts] })],
      connectRetry: { attempts: 1 },
    });
    try {
      expect((await pool.exec('found', 'echo ok')).stdout).toBe('ok\n');
    } finally {
      await pool.close();
    }
  });

  it('reports progress for every address and stops early when cancelled', async () => {
    const progress: number[] = [];
    const result = await scanSsh({
      cidr: '127.0.0.0/29',
      port: await freePort(),
      timeoutMs: 1000,
      concurrency: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result.scanned).toBe(6);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const controller = new AbortController();
    controller.abort();
    expect(
      (await scanSsh({ cidr: '127.0.0.0/29', port: sshd.port, signal: controller.signal })).scanned,
    ).toBe(0);
  });
});

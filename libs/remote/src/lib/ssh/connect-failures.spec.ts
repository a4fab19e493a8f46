import { createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../testing/free-port';
import { startLoopbackSshd, willUseOpenSsh, type LoopbackSshd } from '../../testing/loopback-sshd';
import { descendantPids, killAll } from '../../testing/process-tree';
import { CommandAbortedError, ConnectError, ConnectionLostError } from '../errors';
import { ConnectionPool } from '../pool/connection-pool';
import type { PoolEvent } from '../pool/events';

describe('connect failures', () => {
  it('retries a refused connection with backoff, then fails with ConnectError and a hint', async () => {
    const port = await freePort();
    const events: PoolEvent[] = [];
    const pool = new ConnectionPool({
      hosts: [
        {
          name: 'down',
          address: '127.0.0.1',
          port,
          user: 'root',
          agent: false,
          password: { value: 'unused' },
          knownHostsFiles: [],
        },
      ],
      connectRetry: { attempts: 3, baseDelayMs: 10, jitter: 0 },
      onEvent: (event) => events.push(event),
    });
    const error = await pool.exec('down', 'true').catch((e: unknown) => e);
    await pool.close();
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).hint).toMatch(/nothing listens/);
    expect(
      events
        .filter((event) => event.type === 'connect-failed')
        .map((event) => (event.type === 'connect-failed' ? [event.attempt, event.willRetry] : [])),
    ).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
  });

  describe('a server that accepts TCP but never speaks SSH', () => {
    let silent: Server;
    let port: number;
    const accepted: Socket[] = [];
    beforeAll(async () => {
      silent = createServer((socket) => {
        accepted.push(socket);
        socket.resume(); // read (and ignore) the client's banner so its FIN is seen
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });
    afterAll(() => {
      accepted.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('gives up waiting for the connect when the abort signal fires, before the connect itself fails', async () => {
      const events: PoolEvent[] = [];
      const pool = new ConnectionPool({
        hosts: [
          {
            name: 'mute',
            address: '127.0.0.1',
            port,
            user: 'root',
            agent: false,
            password: { value: 'unused' },
            knownHostsFiles: [],
            connectTimeoutMs: 5_000,
          },
        ],
        connectRetry: { attempts: 1 },
        onEvent: (event) => events.push(event),
      });
      const controller = new AbortController();
      const running = pool.exec('mute', 'true', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
      expect(events.filter((event) => event.type === 'connect-failed')).toEqual([]);
      await pool.close();
    });

    it('fails after connectTimeoutMs with ConnectError', async () => {
      const pool = new ConnectionPool({
        hosts: [
          {
            name: 'mute',
            address: '127.0.0.1',
            port,
            user: 'root',
            agent: false,
            password: { value: 'unused' },
            knownHostsFiles: [],
            connectTimeoutMs: 500,
          },
        ],
        connectRetry: { attempts: 1 },
      });
      const before = accepted.length;
      const error = await pool.exec('mute', 'true').catch((e: unknown) => e);
      await pool.close();
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toContain('no SSH handshake within 500 ms');
      // the failed attempt must not leave its socket open
      const mine = accepted.slice(before);
      for (let attempt = 0; attempt < 100 && !mine.every((socket) => socket.destroyed); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(mine.map((socket) => socket.destroyed)).toEqual([true]);
    });
  });
});

describe('keepalive', () => {
  let sshd: LoopbackSshd;
  beforeAll(async () => {
    sshd = await startLoopbackSshd();
  });
  afterAll(() => sshd?.stop());

  // freezing the server needs it in another process: skipped against the in-process fallback
  (willUseOpenSsh() ? it : it.skip)(
    'detects a host that stops answering (no TCP reset) and fails the command in flight',
    async () => {
      const pool = new ConnectionPool({
        hosts: [sshd.hostSpec({ name: 'frozen', keepaliveIntervalMs: 200, keepaliveCountMax: 2 })],
      });
      const serving: number[] = [];
      try {
        await pool.exec('frozen', 'true');
        let running: () => void = () => undefined;
        const started = new Promise<void>((resolve) => (running = resolve));
        const inFlight = pool.exec('frozen', 'echo running; sleep 30', { onStdout: () => running() });
        await started;
        serving.push(...descendantPids(sshd.pid));
        killAll(serving, 'SIGSTOP'); // the host hangs: nothing answers, nothing closes the socket
        const error = await inFlight.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectionLostError);
        expect((error as Error).message).toMatch(/keepalive/i);
      } finally {
        killAll(serving, 'SIGCONT');
        killAll(serving, 'SIGKILL');
        await pool.close();
      }
    },
  );
});

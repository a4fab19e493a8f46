import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopbackSshd, type LoopbackSshd } from '../../testing/loopback-sshd';
import { ConnectError } from '../errors';
import { ConnectionPool } from '../pool/connection-pool';
import type { PoolEvent } from '../pool/events';
import { freePort } from '../../testing/free-port';

let bastion: LoopbackSshd;
let inner: LoopbackSshd;

beforeAll(async () => {
  bastion = await startLoopbackSshd();
  inner = await startLoopbackSshd({ clientKeyPath: bastion.clientKeyPath });
});
afterAll(async () => {
  await inner?.stop();
  await bastion?.stop();
});

describe('jump hosts', () => {
  it('reaches a host through a jump host over one forwarded channel, and shares the jump connection', async () => {
    const events: PoolEvent[] = [];
    const jump = [bastion.hostSpec({ name: 'bastion' })];
    const knownHosts = join(inner.dir, 'known_hosts_both_names');
    writeFileSync(knownHosts, `[127.0.0.1]:${inner.port},[localhost]:${inner.port} ${inner.hostPublicKey}\n`);
    const pool = new ConnectionPool({
      hosts: [
        inner.hostSpec({ name: 'app1', jump }),
        inner.hostSpec({ name: 'app2', address: 'localhost', knownHostsFiles: [knownHosts], jump }),
      ],
      onEvent: (event) => events.push(event),
    });
    try {
      await expect(pool.exec('app1', 'echo inner')).resolves.toMatchObject({ stdout: 'inner\n' });
      await expect(pool.exec('app2', 'echo other')).resolves.toMatchObject({ stdout: 'other\n' });
      const connects = events.filter(
        (event): event is Extract<PoolEvent, { type: 'connect' }> => event.type === 'connect',
      );
      expect(connects.map((event) => [event.host, event.via])).toEqual([
        ['bastion', []],
        ['app1', ['bastion']],
        ['app2', ['bastion']],
      ]);
    } finally {
      await pool.close();
    }
  });

  it('goes through two hops (ProxyJump a,b)', async () => {
    const events: PoolEvent[] = [];
    const pool = new ConnectionPool({
      hosts: [
        inner.hostSpec({
          name: 'deep',
          jump: [bastion.hostSpec({ name: 'hop1' }), inner.hostSpec({ name: 'hop2' })],
        }),
      ],
      onEvent: (event) => events.push(event),
    });
    try {
      await expect(pool.exec('deep', 'echo deep')).resolves.toMatchObject({ stdout: 'deep\n' });
      expect(
        events
          .filter((event) => event.type === 'connect')
          .map((event) => (event.type === 'connect' ? event.via : [])),
      ).toEqual([[], ['hop1'], ['hop1', 'hop2']]);
    } finally {
      await pool.close();
    }
  });

  it('fails with ConnectError naming the jump host when it cannot reach the target', async () => {
    const closedPort = await freePort();
    const pool = new ConnectionPool({
      hosts: [
        inner.hostSpec({
          name: 'unreachable',
          port: closedPort,
          jump: [bastion.hostSpec({ name: 'bastion' })],
        }),
      ],
      connectRetry: { attempts: 1 },
    });
    try {
      const error = await pool.exec('unreachable', 'true').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toContain('jump host bastion could not open a tunnel');
    } finally {
      await pool.close();
    }
  });
});

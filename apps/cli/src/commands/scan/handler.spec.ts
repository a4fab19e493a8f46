import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, utils } from 'ssh2';
import { runCliForTest } from '../../testing/run-cli-for-test';

jest.setTimeout(30_000);

// A real SSH server (ssh2's) on loopback: the scan runs the key exchange against it.
const hostKey = utils.generateKeyPairSync('ed25519');
const publicBlob = Buffer.from(hostKey.public.split(' ')[1], 'base64');
const fingerprint = `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
let server: Server;
let port: number;

beforeAll(async () => {
  server = new Server({ hostKeys: [hostKey.private], ident: 'ScanTest_1.0' }, (client) =>
    client.on('error', () => undefined),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

describe('provisioning scan', () => {
  let ws: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, env: { HOME: ws } });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-scan-'));
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: lab\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('lists the SSH servers of a range with banner, key type and fingerprint', async () => {
    const run = await cli(['scan', '--cidr', '127.0.0.1/32', '--port', String(port), '--output', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      cidr: '127.0.0.1/32',
      scanned: 1,
      found: [
        {
          address: '127.0.0.1',
          port,
          banner: 'SSH-2.0-ScanTest_1.0',
          hostKey: { type: 'ssh-ed25519', fingerprint },
          known: 'unknown',
        },
      ],
    });
  });

  it('adds the hosts found to an infra and records their keys after --yes, and knows them on the next scan', async () => {
    const run = await cli([
      'scan',
      '--cidr',
      '127.0.0.1',
      '--port',
      String(port),
      '--add-to',
      'pis',
      '--user',
      'pi',
      '--label',
      'role=pi',
      '--yes',
      '--no-color',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Added 1 server(s) to infra/pis/servers.yaml: host-127-0-0-1-${port}`);
    expect(readFileSync(join(ws, 'infra/pis/servers.yaml'), 'utf8')).toBe(
      `servers:\n  - { name: host-127-0-0-1-${port}, address: 127.0.0.1, port: ${port}, user: pi, labels: { role: pi } }\n`,
    );
    expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).toBe(
      `[127.0.0.1]:${port} ssh-ed25519 ${publicBlob.toString('base64')}\n`,
    );
    const again = await cli(['scan', '--cidr', '127.0.0.1', '--port', String(port), '--output', 'json']);
    expect(JSON.parse(again.stdout).found[0].known).toBe('known');
  });

  it('refuses to trust keys unattended without --yes, writing nothing', async () => {
    const run = await cli(['scan', '--cidr', '127.0.0.1', '--port', String(port), '--add-to', 'pis']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nobody is there to confirm the fingerprints');
    expect(run.stderr).toContain('--yes');
    expect(existsSync(join(ws, 'infra/pis'))).toBe(false);
    expect(existsSync(join(ws, '.provisioning/known_hosts'))).toBe(false);
  });

  it('refuses a range larger than 1024 addresses unless forced', async () => {
    const run = await cli(['scan', '--cidr', '10.0.0.0/16']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('10.0.0.0/16 holds 65536 addresses, more than the limit of 1024');
    expect(run.stderr).toContain('--force');
  });

  it('rejects a label that is not key=value', async () => {
    const run = await cli(['scan', '--cidr', '127.0.0.1', '--add-to', 'pis', '--label', 'pi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--label pi is not key=value');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { startLoopbackSshd, willUseOpenSsh, type LoopbackSshd } from '../testing/loopback-sshd';
import { HostKeyChangedError, HostKeyUnknownError, type RemoteError } from './errors';
import { HINTS } from './hints';
import { ConnectionPool } from './pool/connection-pool';

/**
 * Every command a hint prints is run here as printed (pasted into /bin/sh), against the remote
 * lib's test sshd and a temporary known_hosts file, so a hint that stops working fails a test.
 */
const withOpenSsh = willUseOpenSsh() ? describe : describe.skip;

let sshd: LoopbackSshd;
let dir: string;
let knownHosts: string;

beforeAll(async () => {
  sshd = await startLoopbackSshd();
});
afterAll(() => sshd?.stop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hints-'));
  knownHosts = join(dir, 'known hosts'); // a space, so the hints must quote the path
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function connect(): Promise<unknown> {
  const pool = new ConnectionPool({
    hosts: [sshd.hostSpec({ name: 'db1', knownHostsFiles: [knownHosts] })],
    connectRetry: { attempts: 1 },
  });
  try {
    return await pool.exec('db1', 'echo ok');
  } catch (error) {
    return error;
  } finally {
    await pool.close();
  }
}

/** The commands a hint quotes between backticks. */
function commandsIn(error: unknown): string[] {
  return [...(error as RemoteError).hint.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

function runAsPasted(commandLine: string): void {
  execFileSync('/bin/sh', ['-c', commandLine], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
}

withOpenSsh('hints that name commands', () => {
  it('an unknown host key: the printed ssh-keyscan (with -p for a port other than 22) records the key, and the next connect works', async () => {
    const unknown = await connect();
    expect(unknown).toBeInstanceOf(HostKeyUnknownError);
    const keyscan = commandsIn(unknown).find((command) => command.startsWith('ssh-keyscan'));
    expect(keyscan).toBe(`ssh-keyscan -p ${sshd.port} -- 127.0.0.1 >> '${knownHosts}'`);
    runAsPasted(keyscan as string);
    expect(readFileSync(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519 `);
    await expect(connect()).resolves.toMatchObject({ stdout: 'ok\n' });
  });

  it('a changed host key: the printed ssh-keygen -R (a file, no :line) removes the old entry, and ssh-keyscan then restores trust', async () => {
    const other = utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `# first line\n[127.0.0.1]:${sshd.port} ${other}\n`);
    const changed = await connect();
    expect(changed).toBeInstanceOf(HostKeyChangedError);
    expect((changed as HostKeyChangedError).recordedIn).toBe(`${knownHosts}:2`);
    const remove = commandsIn(changed).find((command) => command.startsWith('ssh-keygen -R'));
    expect(remove).toBe(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f '${knownHosts}'`);
    runAsPasted(remove as string);
    expect(readFileSync(knownHosts, 'utf8')).not.toContain(other.split(' ')[1]);
    runAsPasted(commandsIn(await connect()).find((command) => command.startsWith('ssh-keyscan')) as string);
    await expect(connect()).resolves.toMatchObject({ stdout: 'ok\n' });
  });

  it('the fingerprint command runs as printed (here against this machine’s own host key)', async () => {
    const fingerprint = commandsIn(await connect()).find((command) => command.startsWith('ssh-keygen -lf'));
    expect(fingerprint).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    runAsPasted(fingerprint as string);
  });
});

describe('hints name workspace keys, never host descriptor fields', () => {
  it.each(Object.entries(HINTS))('%s', (_name, hint) => {
    expect(hint).not.toMatch(
      /privateKey|sudoPassword|acceptNewHostKeys|connectTimeoutMs|timeoutMs|passphrase:|host descriptor|\bpass retry\b/,
    );
  });
});

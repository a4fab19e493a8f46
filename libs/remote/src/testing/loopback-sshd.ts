import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostSpecInput } from '../lib/host-spec';
import { generateEd25519Key } from './keys';
import { freePort } from './free-port';
import { descendantPids, killAll } from './process-tree';
import { startInProcessSshServer } from './in-process-ssh-server';

export const SSHD = '/usr/sbin/sshd';

export interface LoopbackSshdOptions {
  /** sshd's MaxSessions. Default 10 (OpenSSH's default). */
  maxSessions?: number;
  /** Reuse a client key (path of the private key) so several servers accept the same client. */
  clientKeyPath?: string;
  /** More sshd_config lines. */
  extraConfig?: string[];
  /** Force the in-process ssh2 server even where OpenSSH is installed. */
  forceInProcess?: boolean;
}

export interface LoopbackSshd {
  readonly kind: 'openssh' | 'in-process';
  readonly address: '127.0.0.1';
  readonly port: number;
  readonly dir: string;
  /** `ssh-ed25519 AAAA...` of the server. */
  readonly hostPublicKey: string;
  readonly clientKeyPath: string;
  /** A known_hosts file holding this server's key as `[127.0.0.1]:port`. */
  readonly knownHostsPath: string;
  /** pid of the listening server (the test process itself for the in-process server). */
  readonly pid: number;
  /** A host descriptor that reaches this server as root with the client key. */
  hostSpec(overrides?: Partial<HostSpecInput>): HostSpecInput;
  /** Kills every process serving a connection (not the listener): the client sees the connection drop. */
  killConnections(): number;
  stop(): Promise<void>;
}

/**
 * Whether `startLoopbackSshd` will run real OpenSSH (root, /usr/sbin/sshd present, and no
 * PROVISIONING_TEST_SSHD=in-process, which runs a whole suite against the fallback). Tests that
 * need real users, passwords or a separate server process skip themselves otherwise.
 */
export function willUseOpenSsh(): boolean {
  return (
    process.env['PROVISIONING_TEST_SSHD'] !== 'in-process' && existsSync(SSHD) && process.getuid?.() === 0
  );
}

/**
 * Starts a real OpenSSH server on 127.0.0.1 as root with a fresh ed25519 host key and a client key
 * in its authorized_keys. Without /usr/sbin/sshd (a laptop) it falls back, loudly, to an
 * in-process ssh2 server so integration tests still run.
 */
export async function startLoopbackSshd(options: LoopbackSshdOptions = {}): Promise<LoopbackSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'provisioning-sshd-'));
  chmodSync(dir, 0o755); // non-root test users must read authorized_keys here
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  const hostPublicKey = generateEd25519Key(hostKeyPath, '', 'loopback-host').split(' ').slice(0, 2).join(' ');
  const clientKeyPath = options.clientKeyPath ?? join(dir, 'id_ed25519');
  if (!options.clientKeyPath) generateEd25519Key(clientKeyPath, '', 'loopback-client');
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, `${readPublic(clientKeyPath)}\n`, { mode: 0o644 });
  const port = await freePort();
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);

  const base = {
    address: '127.0.0.1' as const,
    port,
    dir,
    hostPublicKey,
    clientKeyPath,
    knownHostsPath,
    hostSpec: (overrides: Partial<HostSpecInput> = {}): HostSpecInput => ({
      name: `loopback-${port}`,
      address: '127.0.0.1',
      port,
      user: 'root',
      privateKey: clientKeyPath,
      knownHostsFiles: [knownHostsPath],
      connectTimeoutMs: 5_000,
      ...overrides,
    }),
  };

  const forced = options.forceInProcess || process.env['PROVISIONING_TEST_SSHD'] === 'in-process';
  const useOpenSsh = !options.forceInProcess && willUseOpenSsh();
  if (!useOpenSsh) {
    console.warn(
      `startLoopbackSshd: ${forced ? 'in-process server requested' : existsSync(SSHD) ? 'not running as root' : `${SSHD} not found`}; using the IN-PROCESS ssh2 server instead of OpenSSH. ` +
        'Install openssh-server and run as root to test against the real thing.',
    );
    const server = await startInProcessSshServer({
      port,
      hostKeyPath,
      authorizedKeysPath: authorizedKeys,
      maxSessions: options.maxSessions ?? 10,
    });
    return {
      ...base,
      kind: 'in-process',
      pid: process.pid,
      killConnections: () => server.dropConnections(),
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const configPath = join(dir, 'sshd_config');
  writeFileSync(
    configPath,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PidFile none',
      'StrictModes no',
      `MaxSessions ${options.maxSessions ?? 10}`,
      'MaxStartups 200:30:400',
      'UsePAM no',
      'PermitRootLogin yes',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'AllowTcpForwarding yes',
      'Subsystem sftp internal-sftp',
      // Sessions start as if one shell deep, so bash does not source ~/.bashrc for SSH commands
      // (it does only when SHLVL < 2). Tests then measure this library, not the machine's root
      // dotfiles: here root's .bashrc runs `pyenv init` (about 150 ms a command), and a session
      // killed mid-rehash leaves pyenv's lock behind, stalling every later session for 60 s.
      'SetEnv SHLVL=1',
      'LogLevel INFO', // "Server listening on" is logged at INFO: it is how we know sshd is ready
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation directory
  const child = spawn(SSHD, ['-D', '-e', '-f', configPath, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitUntilListening(child, port);
  return {
    ...base,
    kind: 'openssh',
    pid: child.pid ?? -1,
    killConnections: () => (child.pid ? killAll(descendantPids(child.pid)) : 0),
    stop: async () => {
      if (child.pid) killAll(descendantPids(child.pid));
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readPublic(privateKeyPath: string): string {
  return readFileSync(`${privateKeyPath}.pub`, 'utf8').trim();
}

function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => fail(new Error(`sshd did not start listening on port ${port} within 10 s:\n${log}`)),
      10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(new Error(`sshd exited with code ${code} before listening:\n${log}`)));
  });
}

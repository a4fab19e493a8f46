import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test starts servers or processes: generous on a loaded machine (5 s timed out at load 70).
jest.setTimeout(60_000);

/**
 * The k3s STAND-IN (tools/testbed/artifacts/k3s-stand-in) must do what this taskserv relies on:
 * a server that writes the node-token, listens and reports ready to systemd; agents that need
 * --server and a matching token. Runs the script itself with python3, as the testbed hosts do.
 */
const STAND_IN = join(__dirname, '../../../../tools/testbed/artifacts/k3s-stand-in/k3s-stand-in');

let dir: string;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn('python3', [STAND_IN, ...args], {
    env: { ...process.env, K3S_DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

const nodes = (dataDir: string) =>
  execFileSync('python3', [STAND_IN, 'kubectl', 'get', 'nodes'], {
    env: { ...process.env, K3S_DATA_DIR: dataDir },
  }).toString();

async function startServer(token: string): Promise<{ port: number; serverDir: string }> {
  const port = await freePort();
  const serverDir = join(dir, 'server');
  writeFileSync(join(dir, 'server-token'), `${token}\n`);
  start(
    [
      'server',
      '--token-file',
      join(dir, 'server-token'),
      '--bind-address',
      '127.0.0.1',
      '--https-listen-port',
      String(port),
      '--disable=traefik',
    ],
    serverDir,
  );
  await until(() => existsSync(join(serverDir, 'server/node-token')), 'the node-token');
  return { port, serverDir };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k3s-stand-in-'));
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('k3s stand-in', () => {
  it('prints a version that says it is a stand-in', () => {
    expect(execFileSync('python3', [STAND_IN, '--version']).toString()).toBe(
      'k3s version v1.32.3+k3s1 (stand-in)\n',
    );
  });

  it('k3s stand-in server writes the node-token in the k3s format with the token it was given', async () => {
    const { serverDir } = await startServer('shared-secret');
    expect(readFileSync(join(serverDir, 'server/node-token'), 'utf8')).toMatch(
      /^K10[0-9a-f]{64}::server:shared-secret\n$/,
    );
  });

  it('k3s stand-in server writes an admin kubeconfig for its port, marked as the stand-in', async () => {
    const { port, serverDir } = await startServer('shared-secret');
    const kubeconfig = readFileSync(join(serverDir, 'k3s.yaml'), 'utf8');
    expect(kubeconfig).toMatch(/^# k3s stand-in kubeconfig: not a Kubernetes API/);
    expect(kubeconfig).toContain(`server: https://127.0.0.1:${port}\n`);
  });

  it('k3s stand-in server tells systemd it is ready (Type=notify) once it listens', () => {
    // A python harness plays systemd's notify socket and prints what the stand-in sent.
    const harness = [
      'import os, socket, subprocess, sys',
      'path = os.path.join(sys.argv[1], "notify")',
      's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); s.settimeout(10)',
      'env = dict(os.environ, NOTIFY_SOCKET=path, K3S_DATA_DIR=os.path.join(sys.argv[1], "data"))',
      'p = subprocess.Popen([sys.executable, sys.argv[2], "server", "--bind-address", "127.0.0.1", "--https-listen-port", "0"], env=env)',
      'try: print(s.recv(64).decode())',
      'finally: p.kill()',
    ].join('\n');
    expect(
      execFileSync('python3', ['-c', harness, dir, STAND_IN], {
        timeout: 15_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString(),
    ).toBe('READY=1\n');
  });

  it('k3s stand-in agent with the published node-token joins, shows Ready on the server and keeps running', async () => {
    const { port, serverDir } = await startServer('shared-secret');
    writeFileSync(join(dir, 'agent-token'), readFileSync(join(serverDir, 'server/node-token')));
    const agent = start(
      [
        'agent',
        '--server',
        `https://127.0.0.1:${port}`,
        '--token-file',
        join(dir, 'agent-token'),
        '--node-name',
        'agent-1',
      ],
      join(dir, 'agent'),
    );
    await until(() => /agent-1 +Ready/.test(nodes(serverDir)), 'agent-1 to be Ready');
    expect(nodes(serverDir)).toMatch(/agent-1 +Ready +<none>/);
    expect(agent.exitCode).toBeNull();
  });

  it('k3s stand-in agent with a wrong token is refused and exits 1', async () => {
    const { port } = await startServer('shared-secret');
    writeFileSync(join(dir, 'agent-token'), 'wrong\n');
    const agent = start(
      ['agent', '--server', `https://127.0.0.1:${port}`, '--token-file', join(dir, 'agent-token')],
      join(dir, 'agent'),
    );
    const { code, stderr } = await exited(agent);
    expect(code).toBe(1);
    expect(stderr).toContain('rejected the token');
  });

  it('k3s stand-in agent without --server refuses to start', async () => {
    writeFileSync(join(dir, 'agent-token'), 'shared-secret\n');
    const { code, stderr } = await exited(
      start(['agent', '--token-file', join(dir, 'agent-token')], join(dir, 'agent')),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('--server is required');
  });
});

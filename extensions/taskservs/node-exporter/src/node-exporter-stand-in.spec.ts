import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test starts servers or processes: generous on a loaded machine (5 s timed out at load 70).
jest.setTimeout(60_000);

/** The node_exporter STAND-IN tarball the testbed scenario installs (stand-in/README.md). */
const BUILD = join(__dirname, '../stand-in/build-tarball.sh');

let dir: string;
let child: ChildProcess | undefined;

const build = (out: string) =>
  execFileSync(BUILD, ['1.8.2', 'amd64'], { env: { ...process.env, OUT: out } })
    .toString()
    .trim();

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'node-exporter-stand-in-'));
});

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('node_exporter stand-in tarball', () => {
  it('is byte-identical on every build, so its sha256 can be pinned in params', () => {
    const first = build(join(dir, 'a.tar.gz'));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(build(join(dir, 'b.tar.gz'))).toBe(first);
  });

  it('holds the binary where the taskserv unpacks it from', () => {
    build(join(dir, 'a.tar.gz'));
    expect(
      execFileSync('tar', ['-tzf', join(dir, 'a.tar.gz')])
        .toString()
        .split('\n'),
    ).toContain('node_exporter-1.8.2.linux-amd64/node_exporter');
  });

  it('node_exporter stand-in serves /metrics on --web.listen-address with the enabled collectors', async () => {
    build(join(dir, 'a.tar.gz'));
    execFileSync('tar', ['-xzf', join(dir, 'a.tar.gz'), '-C', dir]);
    const port = await freePort();
    child = spawn(
      join(dir, 'node_exporter-1.8.2.linux-amd64/node_exporter'),
      [`--web.listen-address=127.0.0.1:${port}`, '--collector.systemd'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    let body = '';
    while (!body) {
      body = await fetchText(`http://127.0.0.1:${port}/metrics`).catch(() => '');
      if (!body && Date.now() > deadline) throw new Error('the stand-in never answered');
      if (!body) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(body).toContain('node_exporter_build_info{version="1.8.2-stand-in",stand_in="true"} 1');
    expect(body).toContain('node_scrape_collector_success{collector="systemd"} 1');
  });
});

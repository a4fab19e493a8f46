import { standInArtifacts } from '@provisioning/distribution/testing';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

jest.setTimeout(60_000);

// Stand-in release files (tiny scripts, real sha256s in a catalog override) from a real HTTP server.
const artifacts = standInArtifacts();
let server: Server;
let mirror: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = artifacts.files[(request.url ?? '').slice(1)];
    response.writeHead(body ? 200 : 404).end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('provisioning install on this machine', () => {
  let home: string;
  let catalog: string;
  const bin = (name: string) => join(home, '.local/bin', name);
  const tools = (...parts: string[]) => join(home, '.local/share/provisioning/tools', ...parts);
  const cli = (...args: string[]) =>
    runCliForTest([...args, '--catalog', catalog, '--no-color'], {
      cwd: home,
      env: { HOME: home, PATH: `${join(home, '.local/bin')}:${process.env.PATH}` },
    });
  const runTool = (name: string) => execFileSync(bin(name), ['--version'], { encoding: 'utf8' }).trim();

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cli-install-'));
    catalog = join(home, 'catalog.yaml');
    writeFileSync(catalog, artifacts.catalogFor(mirror));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('downloads, verifies and links a single-binary tool into a versioned directory', async () => {
    const run = await cli('install', 'standin@1.0.0');
    expect(`${run.code}\n${run.stderr}`).toMatch(/^0\n/);
    expect(readlinkSync(bin('standin'))).toBe(tools('standin', '1.0.0', 'standin'));
    expect(runTool('standin')).toBe('standin version v1.0.0');
  });

  it('extracts only the executable of a tar.gz release', async () => {
    const run = await cli('install', 'standin-tgz');
    expect(`${run.code}\n${run.stderr}`).toMatch(/^0\n/);
    expect(runTool('standin-tgz')).toBe('standin-tgz version v1.0.0');
    expect(execFileSync('ls', ['-A', tools('standin-tgz', '1.0.0')], { encoding: 'utf8' })).toBe(
      'standin-tgz\n',
    );
  });

  it('plans nothing once installed, and --check shows what an upgrade would change (exit 2)', async () => {
    await cli('install', 'standin@1.0.0');
    const again = await cli('install', 'standin@1.0.0', '--check');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    const upgrade = await cli('install', 'standin@2.0.0', '--check');
    expect(upgrade.code).toBe(2);
    expect(upgrade.stdout).toMatch(/link:standin@2\.0\.0: known after apply/);
    expect(runTool('standin')).toBe('standin version v1.0.0');
  });

  it('upgrades by swapping the link, keeping the previous version beside it', async () => {
    await cli('install', 'standin@1.0.0');
    const run = await cli('install', 'standin@2.0.0');
    expect(run.code).toBe(0);
    expect(runTool('standin')).toBe('standin version v2.0.0');
    expect(existsSync(tools('standin', '1.0.0', 'standin'))).toBe(true);
  });

  it('leaves the previous version in place when the new one fails its version check', async () => {
    await cli('install', 'standin@1.0.0');
    const run = await cli('install', 'standin@2.1.0');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(
      'standin 2.1.0 failed verification: the version command did not print 2.1.0',
    );
    expect(runTool('standin')).toBe('standin version v1.0.0');
    expect(existsSync(tools('standin', '2.1.0', 'standin'))).toBe(false);
  });

  it('refuses a download whose sha256 does not match, changing nothing', async () => {
    await cli('install', 'standin@1.0.0');
    requests.length = 0;
    const run = await cli('install', 'standin@3.0.0');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/has sha256 [0-9a-f]{64}, expected 0{64}/);
    expect(runTool('standin')).toBe('standin version v1.0.0');
  });

  it('lists installed tools with the active version and the versions kept', async () => {
    await cli('install', 'standin@1.0.0');
    await cli('install', 'standin@2.0.0');
    const run = await cli('install', 'list', '--output', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      hosts: [
        { host: 'localhost', tools: [{ name: 'standin', active: '2.0.0', versions: ['1.0.0', '2.0.0'] }] },
      ],
    });
  });

  it('uninstalls a tool: its link and every version', async () => {
    await cli('install', 'standin@1.0.0');
    const run = await cli('install', '--uninstall', 'standin');
    expect(run.code).toBe(0);
    expect(existsSync(bin('standin'))).toBe(false);
    expect(existsSync(tools('standin'))).toBe(false);
  });

  it('refuses a catalog tool without a verified sha256, saying how to vouch for one', async () => {
    const run = await cli('install', 'kubectl');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(
      'the catalog records no verified sha256 for kubectl 1.31.2 on linux-amd64',
    );
    expect(run.stdout + run.stderr).toContain('--sha256');
  });

  it('names the known tools for an unknown one', async () => {
    const run = await cli('install', 'kubeclt');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no tool "kubeclt" in the catalog');
    expect(run.stderr).toMatch(/known tools: .*kubectl/);
  });

  it('shows the catalog with the platforms whose checksum is verified', async () => {
    const run = await cli('install', 'catalog', '--output', 'json');
    const { tools: list } = JSON.parse(run.stdout);
    expect(list.map((tool: { name: string }) => tool.name)).toEqual(
      expect.arrayContaining(['helm', 'k3s', 'k9s', 'kubectl', 'node_exporter', 'standin', 'yq']),
    );
    expect(list.find((tool: { name: string }) => tool.name === 'standin').versions['1.0.0']).toEqual([
      'linux-amd64',
    ]);
    expect(list.find((tool: { name: string }) => tool.name === 'kubectl').versions['1.31.2']).toEqual([]);
  });
});

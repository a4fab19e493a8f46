import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../../testing/run-cli-for-test';

jest.setTimeout(30_000);

describe('provisioning server facts', () => {
  let ws: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, env: { HOME: ws } });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-facts-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(
      join(ws, 'infra/main/servers.yaml'),
      [
        'servers:',
        '  - { name: here, provider: local, labels: { role: pi } }',
        '  - { name: gone, address: 127.0.0.1, port: 1, labels: { role: web } }',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('reports the facts of the selected servers as JSON', async () => {
    const run = await cli(['server', 'facts', '--servers', 'role=pi', '--output', 'json']);
    expect(run.code).toBe(0);
    const { hosts } = JSON.parse(run.stdout);
    expect(hosts).toHaveLength(1);
    expect(hosts[0].host).toBe('here');
    expect(hosts[0].facts.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(hosts[0].facts.memory.totalBytes).toBeGreaterThan(0);
  });

  it('prints a table row per host and the reason a host could not be asked, exiting 1', async () => {
    const run = await cli(['server', 'facts', '--no-color']);
    expect(run.code).toBe(1);
    const [header, row] = run.stdout.split('\n');
    expect(header).toMatch(/^host\s+os\s+kernel\s+arch\s+cpus\s+mem free\/total\s+disks\s+addresses\s+up$/);
    expect(row).toMatch(/^here\s+Debian/);
    expect(run.stdout).toMatch(
      /^gone: no authentication method is available\n {2}hint: set ssh_key, ssh_agent: true or ssh_password/m,
    );
  });
});

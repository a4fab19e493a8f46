import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

interface Report {
  ok: boolean;
  errors: number;
  workspace: string | null;
  checks: Array<{ id: string; status: string; detail: string; hint?: string }>;
}

describe('provisioning doctor', () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-'));
    home = join(dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function doctor(args: string[], cwd = dir): Promise<{ code: number; report: Report }> {
    const run = await runCliForTest(['doctor', '--output', 'json', ...args], { cwd, env: { HOME: home } });
    return { code: run.code, report: JSON.parse(run.stdout) as Report };
  }
  const check = (report: Report, id: string) => report.checks.find((c) => c.id === id);

  it('finds the workspace in a parent directory and confirms its state store is writable', async () => {
    writeFileSync(join(dir, 'provisioning.yaml'), 'name: acme\n');
    const nested = join(dir, 'docs', 'runbooks');
    mkdirSync(nested, { recursive: true });
    const { code, report } = await doctor([], nested);
    expect(code).toBe(0);
    expect(report.workspace).toBe(dir);
    expect(check(report, 'workspace')?.status).toBe('ok');
    expect(check(report, 'state-store')).toMatchObject({
      status: 'ok',
      detail: `${join(dir, '.provisioning')} is writable`,
    });
  });

  it('fails with exit 1 when --workspace names a directory without provisioning.yaml', async () => {
    const { code, report } = await doctor(['--workspace', join(dir, 'missing')]);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(check(report, 'workspace')).toMatchObject({ status: 'error' });
    expect(check(report, 'workspace')?.hint).toContain('provisioning workspace init');
  });

  it('only warns, exit 0, when run outside any workspace', async () => {
    const { code, report } = await doctor([]);
    expect(code).toBe(0);
    expect(check(report, 'workspace')?.status).toBe('warning');
    expect(check(report, 'state-store')?.status).toBe('skipped');
  });

  it('reports an error when the state directory cannot be created', async () => {
    writeFileSync(join(dir, 'provisioning.yaml'), 'name: acme\n');
    writeFileSync(join(dir, '.provisioning'), 'a file where the state directory should be');
    const { code, report } = await doctor([]);
    expect(code).toBe(1);
    expect(check(report, 'state-store')).toMatchObject({ status: 'error' });
    expect(check(report, 'state-store')?.detail).toMatch(/cannot write to .*\.provisioning: E(EXIST|NOTDIR)/);
  });

  it('reports an invalid provisioning.yaml as an error that points at validate', async () => {
    writeFileSync(join(dir, 'provisioning.yaml'), 'name: [unclosed\n');
    const { code, report } = await doctor([]);
    expect(code).toBe(1);
    expect(check(report, 'workspace')?.status).toBe('error');
  });

  it('sees a key file in ~/.ssh and warns about a missing agent and known_hosts', async () => {
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'not a real key, only its presence is checked');
    const { report } = await doctor([]);
    expect(check(report, 'ssh-keys')).toMatchObject({
      status: 'ok',
      detail: join(home, '.ssh', 'id_ed25519'),
    });
    expect(check(report, 'ssh-agent')?.status).toBe('warning');
    expect(check(report, 'known-hosts')?.status).toBe('warning');
  });

  it('lists passing checks before problems in text output, errors last, with the summary', async () => {
    const run = await runCliForTest(['doctor', '--no-color', '--workspace', join(dir, 'missing')], {
      cwd: dir,
      env: { HOME: home },
    });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ok\s+Node\.js version/);
    expect(lines.at(-1)).toMatch(/^Not ready: 1 error, \d+ warnings?\.$/);
    expect(run.stdout.indexOf('FAIL')).toBeGreaterThan(run.stdout.lastIndexOf('warn '));
  });
});

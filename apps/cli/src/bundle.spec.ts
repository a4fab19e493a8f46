import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The real artefact: build the bundle once into a temp dir and run it as a user would.
describe('the bundled CLI (dist/apps/cli/main.mjs)', () => {
  let outdir: string;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(outdir, 'main.mjs'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: outdir },
    });

  beforeAll(() => {
    // Inside the repo (tmp/ is git-ignored): the bundle resolves its external packages from node_modules.
    mkdirSync(join(__dirname, '../../../tmp'), { recursive: true });
    outdir = mkdtempSync(join(__dirname, '../../../tmp/cli-bundle-'));
    execFileSync(process.execPath, [join(__dirname, '../build.js')], {
      env: { ...process.env, PROVISIONING_CLI_OUTDIR: outdir },
    });
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('prints the version of the root package', () => {
    const version = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version;
    const run = cli('--version');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('lists the commands in --help', () => {
    const run = cli('--help');
    expect(run.status).toBe(0);
    for (const name of ['apply', 'doctor', 'plan', 'validate'])
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('loads a command chunk on demand and answers in JSON', () => {
    const run = cli('doctor', '--output', 'json');
    expect(JSON.parse(run.stdout).checks.map((check: { id: string }) => check.id)).toContain('node');
  });

  it('keeps handler dependencies out of the entry file, so --version compiles only the entry', () => {
    const entry = readFileSync(join(outdir, 'main.mjs'), 'utf8');
    expect(entry).not.toMatch(/\bZodError\b/);
    expect(entry).not.toMatch(/\bLineCounter\b/);
    expect(entry).not.toMatch(/\bConnectionPool\b/);
  });

  it('plans with the bundled engine, loading the CommonJS externals (ssh2, libsql) from ESM', () => {
    const ws = join(outdir, 'ws');
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: bundle\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
    writeFileSync(join(ws, 'infra/main/taskservs.yaml'), 'taskservs:\n  - { name: base, servers: [here] }\n');
    const run = cli('plan', '--workspace', ws, '--output', 'json');
    expect(run.stderr).not.toContain('error:');
    const plan = JSON.parse(run.stdout);
    expect(plan.hosts.map((host: { host: string; status: string }) => [host.host, host.status])).toEqual([
      ['here', 'planned'],
    ]);
    expect(existsSync(join(ws, '.provisioning/state.db'))).toBe(true);
  });
});

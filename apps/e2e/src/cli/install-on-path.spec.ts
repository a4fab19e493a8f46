import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, CLI_BUNDLE } from '../support/cli';

const ROOT = join(__dirname, '..', '..', '..', '..');

// The README's set-up, after `npx nx build cli`: `npm link` puts `provisioning` on PATH. Into a
// temporary prefix here (npm_config_prefix, as the README shows for users without root), then the
// first steps the templates' READMEs give, typed as a user types them. No testbed hosts needed.
describe('provisioning on PATH after the README set-up (npm link)', () => {
  let prefix: string;
  const inPrefix = (command: string, args: string[], cwd = prefix) =>
    spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: prefix, NO_COLOR: '1' },
    });

  beforeAll(() => {
    assertCliBuilt();
    prefix = mkdtempSync(join(tmpdir(), 'e2e-prefix-'));
    const linked = spawnSync('npm', ['link', '--offline', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_prefix: prefix, npm_config_update_notifier: 'false' },
    });
    if (linked.status !== 0)
      throw new Error(`npm link failed (exit ${linked.status}):\n${linked.stdout}\n${linked.stderr}`);
  }, 120_000);
  afterAll(() => rmSync(prefix, { recursive: true, force: true }));

  it('installs a provisioning command in <prefix>/bin that is the built CLI', () => {
    const found = inPrefix('sh', ['-c', 'command -v provisioning']);
    expect(found.stdout.trim()).toBe(join(prefix, 'bin', 'provisioning'));
    expect(realpathSync(found.stdout.trim())).toBe(realpathSync(CLI_BUNDLE));
  });

  it('runs provisioning --version from PATH, printing the root package version', () => {
    const run = inPrefix('provisioning', ['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('creates a workspace and validates it with the commands its README gives', () => {
    const init = inPrefix('provisioning', ['workspace', 'init', 'shop', '-q']);
    expect(`exit ${init.status}\n${init.stderr}`).toBe('exit 0\n');
    expect(readFileSync(join(prefix, 'shop', 'README.md'), 'utf8')).toContain(
      '`provisioning validate` checks every file.',
    );
    const validate = inPrefix('provisioning', ['validate'], join(prefix, 'shop'));
    expect(`exit ${validate.status}\n${validate.stderr}`).toMatch(/^exit 0\n/);
  });
});

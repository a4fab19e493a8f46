import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

// What `provisioning test` says before it boots anything: each refusal names what is wrong and what to do.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const newExtension = async () => {
  const made = await runCliForTest(['extension', 'new', 'hello-conf'], { cwd: dir });
  expect(made.code).toBe(0);
  return join(dir, 'hello-conf');
};

describe('provisioning test', () => {
  it('says systemd-nspawn is missing and how to install it, on a machine without it', async () => {
    const extension = await newExtension();
    const run = await runCliForTest(['test', extension], { env: { PATH: join(dir, 'empty-bin') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('which this machine lacks (no systemd-nspawn on PATH)');
    expect(run.stderr).toContain('apt-get install systemd-container');
  });

  it('names the scenarios an extension has when --scenario matches none', async () => {
    const extension = await newExtension();
    const run = await runCliForTest(['test', extension, '--scenario', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('hello-conf@0.1.0 has no scenario named "nope"');
    expect(run.stderr).toContain('its scenarios: "defaults"');
  });

  it('points at docs and extension new when a folder has no scenarios.yaml', async () => {
    const extension = await newExtension();
    rmSync(join(extension, 'scenarios.yaml'));
    const run = await runCliForTest(['test', extension]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('scenarios.yaml does not exist: the extension declares no scenario to test');
  });

  it('lists the built-ins with scenarios when the target is neither a folder nor one of them', async () => {
    const run = await runCliForTest(['test', 'no-such-thing'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such-thing is neither an extension folder');
    expect(run.stderr).toMatch(/one of: .*redis/);
  });

  it('refuses --provider-options that are not a mapping', async () => {
    const extension = await newExtension();
    const run = await runCliForTest(['test', extension, '--provider-options', '[1, 2]']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--provider-options must be a YAML mapping of nspawn provider options');
  });

  it('refuses a provider extension: it runs task service scenarios', async () => {
    mkdirSync(join(dir, 'p'));
    const made = await runCliForTest([
      'extension',
      'new',
      'my-cloud',
      '--kind',
      'provider',
      '--dir',
      join(dir, 'p'),
    ]);
    expect(made.code).toBe(0);
    writeFileSync(join(dir, 'p', 'scenarios.yaml'), 'scenarios: []\n');
    const run = await runCliForTest(['test', join(dir, 'p')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a provider extension; provisioning test runs task service scenarios');
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

describe('provisioning validate', () => {
  let dir: string;
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const validate = (args: string[] = [], cwd = dir) =>
    runCliForTest(['validate', ...args], { cwd, env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'validate-'));
    write('provisioning.yaml', 'name: acme\ndefault_infra: prod\n');
    write(
      'infra/prod/servers.yaml',
      'servers:\n  - name: web-1\n    address: 10.0.0.1\n  - name: web-2\n    address: 10.0.0.2\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and summarises what it checked when the workspace is valid', async () => {
    const run = await validate();
    expect(run).toMatchObject({ code: 0, stdout: 'valid: prod (2 servers, 0 taskservs, 0 clusters)\n' });
  });

  it('prints every problem with file:line:col and exits 1', async () => {
    write(
      'infra/prod/servers.yaml',
      'servers:\n  - name: web-1\n    address: 10.0.0.1\n  - name: web-2\n    address: 10.0.0.2\n    port: "22a"\n    prot: 22\n',
    );
    const run = await validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'infra/prod/servers.yaml:6:11 error servers[1].port: expected a number from 1 to 65535, got "22a"',
        'infra/prod/servers.yaml:7:5 error servers[1].prot: unknown key "prot"; did you mean "port"?',
        'invalid: 2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when there are only warnings', async () => {
    write('infra/prod/taskservs.yaml', 'taskservs:\n  - name: redis\n    selector: { role: cache }\n');
    const run = await validate();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'infra/prod/taskservs.yaml:3:15 warning taskservs[0].selector: selector role=cache matches no server',
    );
    expect(run.stdout).toContain('valid with 1 warning: prod (2 servers, 1 taskserv, 0 clusters)');
  });

  it('prints the report as one JSON document with --output json', async () => {
    write('provisioning.yaml', 'name: acme\ndefault_infra: prdo\n');
    const run = await validate(['--output', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0, workspace: dir });
    expect(report.diagnostics[0]).toMatchObject({
      file: 'provisioning.yaml',
      line: 2,
      col: 16,
      severity: 'error',
      path: 'default_infra',
      code: 'unknown-infra',
    });
  });

  it('checks the workflow files under workflows/ too, each problem at file:line:col, and counts them when valid', async () => {
    write(
      'workflows/deploy.yaml',
      'name: deploy\noperations:\n  - id: a\n    type: noop\n    dependencies: [b]\n  - id: b\n    type: noop\n    dependencies: [a]\n',
    );
    write('workflows/broken.yaml', 'name: broken\noperations:\n  - id: x\n    type: nope\n');
    const run = await validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^workflows\/broken\.yaml:4:11 error operations\[0\]\.type: /m);
    expect(run.stdout).toMatch(/^workflows\/deploy\.yaml:\d+:\d+ error .*a -> b -> a/m);
    expect(run.stdout).toContain('invalid: 2 errors, 0 warnings');

    rmSync(join(dir, 'workflows/broken.yaml'));
    write(
      'workflows/deploy.yaml',
      'name: deploy\noperations:\n  - id: a\n    type: noop\n  - id: b\n    type: noop\n    dependencies: [a]\n',
    );
    expect(await validate()).toMatchObject({
      code: 0,
      stdout: 'valid: prod (2 servers, 0 taskservs, 0 clusters); 1 workflow\n',
    });
    expect(JSON.parse((await validate(['--output', 'json'])).stdout)).toMatchObject({
      ok: true,
      workflows: 1,
    });
  });

  it('leaves the workflow files out when --infra names one infra', async () => {
    write('workflows/broken.yaml', 'name: broken\noperations: 3\n');
    expect((await validate(['--infra', 'prod'])).code).toBe(0);
    expect((await validate()).code).toBe(1);
  });

  it('checks only the infra named by --infra', async () => {
    write('infra/staging/servers.yaml', 'servers: nope\n');
    expect((await validate(['--infra', 'prod'])).code).toBe(0);
    expect((await validate(['--infra', 'staging'])).code).toBe(1);
  });

  it('finds the workspace from a subdirectory and writes JSON Schemas with --write-schemas', async () => {
    const run = await validate(['--write-schemas'], join(dir, 'infra', 'prod'));
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, '.provisioning/schemas/infra.schema.json'))).toBe(true);
  });

  it('explains, without a stack trace, that there is no workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'validate-outside-'));
    const run = await validate([], outside);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: no provisioning.yaml in ${outside} or any parent directory`);
    expect(run.stderr).not.toContain('    at ');
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('provisioning validate with the built-in taskservs', () => {
  it('checks params against the taskserv schema and points at the bad value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-params-'));
    writeFileSync(join(dir, 'provisioning.yaml'), 'name: acme\n');
    mkdirSync(join(dir, 'infra', 'prod'), { recursive: true });
    writeFileSync(
      join(dir, 'infra', 'prod', 'infra.yaml'),
      'servers:\n  - name: cache-1\n    address: 10.0.0.1\ntaskservs:\n  - name: redis\n    servers: [cache-1]\n    params:\n      maxmemory: lots\n  - name: mystery\n    servers: [cache-1]\n',
    );
    const run = await runCliForTest(['validate'], { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'infra/prod/infra.yaml:8:18 error taskservs[0].params.maxmemory: must be a size such as 0, 512mb or 2gb, got "lots"',
    );
    expect(run.stdout).toContain(
      'infra/prod/infra.yaml:9:11 warning taskservs[1].name: taskserv "mystery" is not provided by any installed extension',
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

const WORKSPACE =
  '# our workspace\nname: acme\ndefault_infra: prod\nsettings:\n  ssh:\n    user: deploy # shared login\ntaskserv_params:\n  redis:\n    maxmemory: 256mb\n';

describe('provisioning config', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const config = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runCliForTest(['config', ...args], { cwd: dir, env: { ...env, ...extraEnv } });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-'));
    env = { XDG_CONFIG_HOME: join(dir, 'xdg') };
    write('provisioning.yaml', WORKSPACE);
    write(
      'infra/prod/servers.yaml',
      'servers:\n  - name: cache-1\n    address: 10.0.0.1\ntaskservs:\n  - name: redis\n    servers: [cache-1]\n    params:\n      port: 6380\nsettings:\n  run:\n    parallelism: 4\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('show', () => {
    it('prints effective settings and taskserv params, with the layer and place of each value under --origin', async () => {
      const run = await config(['show', '--origin'], { PROVISIONING_SSH_PORT: '2222' });
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n').map((line) => line.replace(/ +#/, ' #'));
      expect(lines).toContain('ssh.user: deploy # workspace provisioning.yaml:6:11');
      expect(lines).toContain('ssh.port: 2222 # env $PROVISIONING_SSH_PORT');
      expect(lines).toContain('ssh.connect_timeout: 10 # default');
      expect(lines).toContain('run.parallelism: 4 # infra infra/prod/servers.yaml:11:18');
      expect(lines).toContain('redis.maxmemory: 256mb # workspace provisioning.yaml:9:16');
      expect(lines).toContain('redis.port: 6380 # infra infra/prod/servers.yaml:8:13');
      expect(lines).toContain('redis.maxmemory_policy: noeviction # extension');
    });

    it('prints the same data as JSON with --output json', async () => {
      const run = await config(['show', '--origin', '--output', 'json']);
      const data = JSON.parse(run.stdout);
      expect(data.infra).toBe('prod');
      expect(data.settings.ssh.user).toBe('deploy');
      expect(data.origins['ssh.user']).toEqual({ layer: 'workspace', source: 'provisioning.yaml:6:11' });
      expect(data.taskservs.redis.values).toEqual({
        bind: '127.0.0.1',
        maxmemory: '256mb',
        maxmemory_policy: 'noeviction',
        port: 6380,
      });
      expect(data.taskservs.redis.origins.bind).toEqual({ layer: 'extension' });
    });
  });

  describe('get', () => {
    it('prints one effective value', async () => {
      expect(await config(['get', 'ssh.user'])).toMatchObject({ code: 0, stdout: 'deploy\n' });
    });

    it("applies the default infra's overrides, or those of --infra", async () => {
      write('infra/staging/settings.yaml', 'settings:\n  run:\n    parallelism: 2\n');
      expect(await config(['get', 'run.parallelism'])).toMatchObject({ code: 0, stdout: '4\n' });
      expect(await config(['get', 'run.parallelism', '--infra', 'staging'])).toMatchObject({
        code: 0,
        stdout: '2\n',
      });
    });

    it('is a usage error (exit 2) for a key that does not exist, with a suggestion', async () => {
      const run = await config(['get', 'ssh.usr']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('there is no setting "ssh.usr"; did you mean "ssh.user"?');
    });

    it('exits 1 when no layer sets the key', async () => {
      const run = await config(['get', 'ssh.key']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('ssh.key is not set in any layer');
    });
  });

  describe('set', () => {
    it('writes to provisioning.yaml inside a workspace, keeping comments', async () => {
      const run = await config(['set', 'ssh.port', '2200']);
      expect(run.code).toBe(0);
      expect(readFileSync(join(dir, 'provisioning.yaml'), 'utf8')).toBe(
        WORKSPACE.replace('# shared login\n', '# shared login\n    port: 2200\n'),
      );
    });

    it('writes to the user config with --user', async () => {
      expect((await config(['set', 'ssh.user', 'me', '--user'])).code).toBe(0);
      expect(readFileSync(join(dir, 'xdg/provisioning/config.yaml'), 'utf8')).toBe(
        'settings:\n  ssh:\n    user: me\n',
      );
    });

    it('refuses an invalid value with exit 1 and leaves the file unchanged', async () => {
      const run = await config(['set', 'run.parallelism', 'lots']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('run.parallelism: expected a number of hosts from 1 to 1000, got "lots"');
      expect(readFileSync(join(dir, 'provisioning.yaml'), 'utf8')).toBe(WORKSPACE);
    });
  });

  describe('edit', () => {
    const editor = (script: string) => {
      const path = join(dir, 'editor.sh');
      writeFileSync(path, `#!/bin/sh\n${script}\n`);
      chmodSync(path, 0o755);
      return path;
    };

    it('saves a valid edit and keeps the old version as .bak', async () => {
      const run = await config(['edit'], { EDITOR: editor('printf "name: acme\\n" > "$1"') });
      expect(run.code).toBe(0);
      expect(readFileSync(join(dir, 'provisioning.yaml'), 'utf8')).toBe('name: acme\n');
      expect(readFileSync(join(dir, 'provisioning.yaml.bak'), 'utf8')).toBe(WORKSPACE);
    });

    it('keeps the file and the rejected edit when the edit is invalid, exit 1', async () => {
      const run = await config(['edit'], {
        VISUAL: editor('printf "name: acme\\nsettings:\\n  ssh:\\n    port: 0\\n" > "$1"'),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'provisioning.rejected.yaml:4:11 error settings.ssh.port: expected a number from 1 to 65535, got 0',
      );
      expect(readFileSync(join(dir, 'provisioning.yaml'), 'utf8')).toBe(WORKSPACE);
      expect(existsSync(join(dir, 'provisioning.rejected.yaml'))).toBe(true);
    });
  });
});

describe('provisioning config outside a workspace', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-outside-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the built-in defaults and writes `set` to the user config', async () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'xdg') };
    const show = await runCliForTest(['config', 'show', '--output', 'json'], { cwd: dir, env });
    expect(JSON.parse(show.stdout)).toMatchObject({
      workspace: null,
      infra: null,
      settings: { ssh: { user: 'root', port: 22 } },
      taskservs: {},
    });
    const set = await runCliForTest(['config', 'set', 'run.parallelism', '4'], { cwd: dir, env });
    expect(set.code).toBe(0);
    expect(readFileSync(join(dir, 'xdg/provisioning/config.yaml'), 'utf8')).toBe(
      'settings:\n  run:\n    parallelism: 4\n',
    );
    const get = await runCliForTest(['config', 'get', 'run.parallelism', '--output', 'json'], {
      cwd: dir,
      env,
    });
    expect(JSON.parse(get.stdout)).toEqual({
      key: 'run.parallelism',
      value: 4,
      origin: { layer: 'user', source: `${join(dir, 'xdg/provisioning/config.yaml')}:3:18` },
    });
  });

  it('is an error to ask for the workspace file outside a workspace', async () => {
    const run = await runCliForTest(['config', 'set', 'run.parallelism', '4', '--workspace-file'], {
      cwd: dir,
      env: { XDG_CONFIG_HOME: join(dir, 'xdg') },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no provisioning.yaml in ${dir} or any parent directory`);
  });
});

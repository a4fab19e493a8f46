import { join } from 'node:path';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { getSetting, resolveSettings } from './resolve-settings';

/** One workspace where every layer sets ssh.user, and each layer also sets one key no higher layer touches. */
function layeredWorkspace() {
  return createTempWorkspace({
    'home/.config/provisioning/config.yaml':
      'settings:\n  ssh:\n    user: from-user\n    connect_timeout: 30\n',
    'ws/provisioning.yaml':
      'name: acme\nsettings:\n  ssh:\n    user: from-workspace\n  run:\n    parallelism: 20\n',
    'ws/infra/prod/settings.yaml': 'settings:\n  ssh:\n    user: from-infra\n  run:\n    timeout: 30\n',
  });
}

describe('resolveSettings: the configuration hierarchy, layer by layer', () => {
  it('uses the built-in defaults when no other layer sets anything', () => {
    const ws = createTempWorkspace({});
    const resolved = resolveSettings({ env: { XDG_CONFIG_HOME: join(ws.root, 'none') } });
    expect(resolved.settings.ssh).toEqual({
      user: 'root',
      port: 22,
      agent: true,
      connect_timeout: 10,
      strict_host_key_checking: 'yes',
    });
    expect(resolved.origins['ssh.user']).toEqual({ layer: 'default', source: undefined });
    ws.cleanup();
  });

  it('lets the user config override the defaults', () => {
    const ws = layeredWorkspace();
    const env = { XDG_CONFIG_HOME: join(ws.root, 'home/.config') };
    const resolved = resolveSettings({ env });
    expect(resolved.settings.ssh.user).toBe('from-user');
    expect(resolved.origins['ssh.user']).toEqual({
      layer: 'user',
      source: `${join(ws.root, 'home/.config/provisioning/config.yaml')}:3:11`,
    });
    ws.cleanup();
  });

  it('lets provisioning.yaml override the user config', () => {
    const ws = layeredWorkspace();
    const env = { XDG_CONFIG_HOME: join(ws.root, 'home/.config') };
    const resolved = resolveSettings({ env, workspaceRoot: join(ws.root, 'ws') });
    expect(resolved.settings.ssh.user).toBe('from-workspace');
    expect(resolved.origins['ssh.user']).toEqual({ layer: 'workspace', source: 'provisioning.yaml:4:11' });
    expect(resolved.origins['ssh.connect_timeout'].layer).toBe('user');
    ws.cleanup();
  });

  it('lets the infra override the workspace', () => {
    const ws = layeredWorkspace();
    const env = { XDG_CONFIG_HOME: join(ws.root, 'home/.config') };
    const resolved = resolveSettings({ env, workspaceRoot: join(ws.root, 'ws'), infra: 'prod' });
    expect(resolved.settings.ssh.user).toBe('from-infra');
    expect(resolved.origins['ssh.user']).toEqual({ layer: 'infra', source: 'infra/prod/settings.yaml:3:11' });
    expect(resolved.settings.run).toEqual({ parallelism: 20, timeout: 30 });
    ws.cleanup();
  });

  it('lets PROVISIONING_<SECTION>_<KEY> override the infra, typed by the schema', () => {
    const ws = layeredWorkspace();
    const env = {
      XDG_CONFIG_HOME: join(ws.root, 'home/.config'),
      PROVISIONING_SSH_USER: 'from-env',
      PROVISIONING_SSH_PORT: '2222',
    };
    const resolved = resolveSettings({ env, workspaceRoot: join(ws.root, 'ws'), infra: 'prod' });
    expect(resolved.settings.ssh.user).toBe('from-env');
    expect(resolved.settings.ssh.port).toBe(2222);
    expect(resolved.origins['ssh.user']).toEqual({ layer: 'env', source: '$PROVISIONING_SSH_USER' });
    ws.cleanup();
  });

  it('lets command-line flags override everything', () => {
    const ws = layeredWorkspace();
    const env = { XDG_CONFIG_HOME: join(ws.root, 'home/.config'), PROVISIONING_SSH_USER: 'from-env' };
    const resolved = resolveSettings({
      env,
      workspaceRoot: join(ws.root, 'ws'),
      infra: 'prod',
      flags: { 'ssh.user': 'from-flag', 'run.parallelism': '3' },
    });
    expect(getSetting(resolved.settings, 'ssh.user')).toBe('from-flag');
    expect(getSetting(resolved.settings, 'run.parallelism')).toBe(3);
    expect(resolved.origins['ssh.user']).toEqual({ layer: 'flag', source: '--ssh.user' });
    ws.cleanup();
  });

  it('maps variables to keys that contain underscores (PROVISIONING_SSH_CONNECT_TIMEOUT -> ssh.connect_timeout)', () => {
    const env = {
      XDG_CONFIG_HOME: '/nonexistent',
      PROVISIONING_SSH_CONNECT_TIMEOUT: '30',
      PROVISIONING_SSH_STRICT_HOST_KEY_CHECKING: 'no',
      PROVISIONING_SSH_AGENT: 'off',
    };
    const resolved = resolveSettings({ env });
    expect(resolved.settings.ssh).toMatchObject({
      connect_timeout: 30,
      strict_host_key_checking: 'no',
      agent: false,
    });
    expect(resolved.diagnostics).toEqual([]);
  });

  it('ignores the CLI global variables and secrets that share the PROVISIONING_ prefix', () => {
    const env = {
      XDG_CONFIG_HOME: '/nonexistent',
      PROVISIONING_WORKSPACE: '/tmp/x',
      PROVISIONING_OUTPUT: 'json',
      PROVISIONING_VERBOSE: '1',
      PROVISIONING_QUIET: '1',
      PROVISIONING_NO_COLOR: '1',
      PROVISIONING_YES: '1',
      PROVISIONING_CHECK: '1',
      PROVISIONING_SECRET_DB_PASSWORD: 'hunter22',
    };
    const resolved = resolveSettings({ env });
    expect(resolved.diagnostics).toEqual([]);
    expect(Object.values(resolved.origins).every((origin) => origin.layer === 'default')).toBe(true);
  });

  it('warns about an unknown key in a known section and rejects a value of the wrong type', () => {
    const resolved = resolveSettings({
      env: {
        XDG_CONFIG_HOME: '/nonexistent',
        PROVISIONING_SSH_USR: 'x',
        PROVISIONING_RUN_PARALLELISM: 'many',
      },
    });
    expect(resolved.diagnostics.map((d) => [d.file, d.severity, d.message])).toEqual([
      ['$PROVISIONING_RUN_PARALLELISM', 'error', 'expected a number of hosts from 1 to 1000, got "many"'],
      [
        '$PROVISIONING_SSH_USR',
        'warning',
        'no setting ssh.usr, so this variable is ignored; did you mean "user"?',
      ],
    ]);
    expect(resolved.settings.run.parallelism).toBe(10);
  });

  it('reports invalid settings in a file with file:line:col and leaves that layer out', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\nsettings:\n  ssh:\n    port: 0\n' });
    const resolved = resolveSettings({ env: { XDG_CONFIG_HOME: '/nonexistent' }, workspaceRoot: ws.root });
    expect(resolved.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([
      'provisioning.yaml:4:11 expected a number from 1 to 65535, got 0',
    ]);
    expect(resolved.settings.ssh.port).toBe(22);
    ws.cleanup();
  });
});

describe('resolveSettings consistency rules', () => {
  it('refuses the planned keys (postgres backend, state.url, run.retries, log.level) as not supported yet, in files and in the environment', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml':
        'name: acme\nsettings:\n  state:\n    backend: postgres\n    url: postgres://db/x\n  run:\n    retries: 2\n  log:\n    level: debug\n',
    });
    const resolved = resolveSettings({
      env: { XDG_CONFIG_HOME: '/nonexistent', PROVISIONING_LOG_LEVEL: 'warn' },
      workspaceRoot: ws.root,
    });
    expect(resolved.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([
      '$PROVISIONING_LOG_LEVEL:0:0 log.level is not supported yet; remove it (commands print progress and errors; --output json is for scripts)',
      'provisioning.yaml:4:14 state.backend postgres is not supported yet; use sqlite (the default)',
      'provisioning.yaml:5:10 state.url is not supported yet; remove it (PostgreSQL state is planned)',
      'provisioning.yaml:7:14 run.retries is not supported yet; a failed step fails its host; remove the key (operations are idempotent, so re-run apply)',
      'provisioning.yaml:9:12 log.level is not supported yet; remove it (commands print progress and errors; --output json is for scripts)',
    ]);
    expect(resolved.settings.state.backend).toBe('sqlite');
    ws.cleanup();
  });

  it('refuses a relative state.path that leaves the workspace, and accepts an absolute one', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\nsettings:\n  state:\n    path: ../../../x/state.db\n',
    });
    const resolved = resolveSettings({ env: { XDG_CONFIG_HOME: '/nonexistent' }, workspaceRoot: ws.root });
    expect(resolved.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([
      'provisioning.yaml:4:11 expected a path inside the workspace (no ".." leaving it) or an absolute path, got "../../../x/state.db"',
    ]);
    const absolute = resolveSettings({
      env: { XDG_CONFIG_HOME: '/nonexistent', PROVISIONING_STATE_PATH: '/var/lib/provisioning/state.db' },
      workspaceRoot: ws.root,
    });
    expect(absolute.settings.state.path).toBe('/var/lib/provisioning/state.db');
    ws.cleanup();
  });
});

describe('resolveSettings and {{...}} references', () => {
  it('expands {{env.*}}, {{workspace.name}} and {{infra.name}} in string settings, and checks the expanded value', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml':
        'name: acme\nsettings:\n  ssh:\n    user: "{{env.DEPLOY_USER}}"\n    key: "~/.ssh/{{workspace.name}}_ed25519"\n  state:\n    path: ".provisioning/{{infra.name}}.db"\n',
      'infra/prod/servers.yaml': 'servers: []\n',
    });
    const env = { XDG_CONFIG_HOME: '/nonexistent', DEPLOY_USER: 'deploy' };
    const resolved = resolveSettings({ env, workspaceRoot: ws.root, infra: 'prod' });
    expect(resolved.diagnostics).toEqual([]);
    expect([resolved.settings.ssh.user, resolved.settings.ssh.key, resolved.settings.state.path]).toEqual([
      'deploy',
      '~/.ssh/acme_ed25519',
      '.provisioning/prod.db',
    ]);
    ws.cleanup();
  });

  it('refuses an expanded value its key would refuse, an unset variable and a secret, at the place each was set', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml':
        'name: acme\nsettings:\n  ssh:\n    user: "{{env.BAD_USER}}"\n    key: "{{secret.KEY}}"\n  state:\n    path: "{{env.UNSET}}/state.db"\n',
    });
    const resolved = resolveSettings({
      env: {
        XDG_CONFIG_HOME: '/nonexistent',
        BAD_USER: '-oProxyCommand=id',
        PROVISIONING_SSH_KNOWN_HOSTS: '{{env.ALSO_UNSET}}',
      },
      workspaceRoot: ws.root,
    });
    expect(resolved.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.path}: ${d.message}`)).toEqual([
      '$PROVISIONING_SSH_KNOWN_HOSTS:0:0 ssh.known_hosts: {{env.ALSO_UNSET}}: the environment variable ALSO_UNSET is not set',
      "provisioning.yaml:4:11 ssh.user: expected a user name of letters, digits, '.', '_' or '-', not starting with '-', got \"-oProxyCommand=id\" (from {{env.BAD_USER}})",
      'provisioning.yaml:5:10 ssh.key: {{secret.KEY}} cannot be used in ssh.key: settings are shown by config show and in errors; use {{env.NAME}}',
      'provisioning.yaml:7:11 state.path: {{env.UNSET}}: the environment variable UNSET is not set',
    ]);
    ws.cleanup();
  });
});

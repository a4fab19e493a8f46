import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { WorkspaceInvalidError } from '../errors';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { loadWorkspace, validateWorkspace } from './validate-workspace';

const VALID = {
  'provisioning.yaml':
    'name: acme\ndefault_infra: prod\ntaskserv_params:\n  redis:\n    maxmemory: 256mb\n    port: 6379\n',
  'infra/prod/servers.yaml': [
    'servers:',
    '  - name: web-1',
    '    address: 10.0.0.1',
    '    labels: { role: web }',
    '  - name: cache-1',
    '    address: 10.0.0.2',
    '    labels: { role: cache }',
  ].join('\n'),
  'infra/prod/taskservs.yaml': [
    'taskservs:',
    '  - name: redis',
    '    selector: { role: cache }',
    '    params: { maxmemory: 512mb }',
    '  - name: app',
    '    servers: [web-1]',
    '    depends_on: [redis]',
  ].join('\n'),
};

const redisLookup = (name: string) =>
  name === 'redis'
    ? {
        paramsSchema: z.strictObject({ maxmemory: z.string(), port: z.number(), bind: z.string() }),
        defaults: { bind: '127.0.0.1', port: 6380 },
      }
    : undefined;

describe('validateWorkspace', () => {
  it('builds the typed model from several infra files when everything is valid', () => {
    const ws = createTempWorkspace(VALID);
    const report = validateWorkspace(ws.root);
    expect(report.diagnostics).toEqual([]);
    const prod = report.workspace?.infras['prod'];
    expect(prod?.servers.map((s) => [s.name, s.provider, s.source.file, s.source.line])).toEqual([
      ['web-1', 'static', 'infra/prod/servers.yaml', 2],
      ['cache-1', 'static', 'infra/prod/servers.yaml', 5],
    ]);
    expect(prod?.taskservs.map((t) => [t.name, t.depends_on])).toEqual([
      ['redis', []],
      ['app', ['redis']],
    ]);
    ws.cleanup();
  });

  it('layers taskserv params extension < workspace < infra and records where each value came from', () => {
    const ws = createTempWorkspace(VALID);
    const report = validateWorkspace(ws.root, { taskservLookup: redisLookup });
    const redis = report.workspace?.infras['prod'].taskservs.find((t) => t.name === 'redis');
    expect(redis?.resolved.values).toEqual({ bind: '127.0.0.1', port: 6379, maxmemory: '512mb' });
    expect(redis?.resolved.origins).toEqual({
      bind: { layer: 'extension', source: undefined },
      port: { layer: 'workspace', source: 'provisioning.yaml:6:11' },
      maxmemory: { layer: 'infra', source: 'infra/prod/taskservs.yaml:4:26' },
    });
    ws.cleanup();
  });

  it('points a param error at the file and line of the layer that set the bad value', () => {
    const ws = createTempWorkspace({
      ...VALID,
      'provisioning.yaml': 'name: acme\ntaskserv_params:\n  redis:\n    port: "6379"\n',
    });
    const report = validateWorkspace(ws.root, { taskservLookup: redisLookup });
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      'infra/prod/taskservs.yaml:5:11 warning taskservs[1].name: taskserv "app" is not provided by any installed extension, so its params are not checked',
      'provisioning.yaml:4:11 error taskserv_params.redis.port: expected a number, got "6379"',
    ]);
    ws.cleanup();
  });

  it('reports an entry whose version range no installed extension satisfies at its version key, naming what is available', () => {
    const files = {
      ...VALID,
      'infra/prod/taskservs.yaml':
        'taskservs:\n  - name: redis\n    version: ^9.0.0\n    selector: { role: cache }\n',
    };
    const ws = createTempWorkspace(files);
    const lookup = (name: string, range?: string) =>
      range === '^9.0.0'
        ? {
            versionMismatch: `no version of taskserv "${name}" satisfies ^9.0.0 for core 0.1.0; available: 0.1.0 (built-in)`,
          }
        : redisLookup(name);
    const report = validateWorkspace(ws.root, { taskservLookup: lookup });
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      'infra/prod/taskservs.yaml:3:14 error taskservs[0].version: no version of taskserv "redis" satisfies ^9.0.0 for core 0.1.0; available: 0.1.0 (built-in); change the range or install a matching version (provisioning extension install redis@^9.0.0)',
    ]);
    ws.cleanup();
  });

  it('validates only the infra asked for and reports an unknown one with a suggestion', () => {
    const ws = createTempWorkspace({ ...VALID, 'infra/staging/servers.yaml': 'servers: 3\n' });
    expect(validateWorkspace(ws.root, { infra: 'prod' }).ok).toBe(true);
    expect(validateWorkspace(ws.root, { infra: 'prdo' }).diagnostics.map(formatDiagnostic)).toContain(
      'infra:1:1 error there is no infra "prdo" (no directory infra/prdo/); did you mean "prod"?; infras: prod, staging',
    );
    ws.cleanup();
  });
});

describe('loadWorkspace', () => {
  it('throws WorkspaceInvalidError listing every error when the workspace is invalid', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\nsettings:\n  ssh:\n    prot: 22\n    user: 3\n',
    });
    expect.assertions(2);
    try {
      loadWorkspace(ws.root);
    } catch (error) {
      expect(error).toBeInstanceOf(WorkspaceInvalidError);
      expect((error as WorkspaceInvalidError).diagnostics.map(formatDiagnostic)).toEqual([
        'provisioning.yaml:4:5 error settings.ssh.prot: unknown key "prot"; did you mean "port"?',
        "provisioning.yaml:5:11 error settings.ssh.user: expected a user name of letters, digits, '.', '_' or '-', not starting with '-', got 3",
      ]);
    }
    ws.cleanup();
  });
});

describe('validateWorkspace and secrets', () => {
  it('warns about a secret no source has, refuses a secrets file others can read, and never prints a value', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\nsettings:\n  ssh:\n    password: "{{secret.DB_PASSWORD}}"\n',
      '.provisioning/secrets.yaml': 'DB_PASSWORD: hunter22\n',
      '.gitignore': '.provisioning/\n',
    });
    chmodSync(join(ws.root, '.provisioning/secrets.yaml'), 0o644);
    const report = validateWorkspace(ws.root, { env: { HOME: join(ws.root, 'home') } });
    const lines = report.diagnostics.map(formatDiagnostic);
    expect(lines).toEqual([
      `.provisioning/secrets.yaml error can be read by other users (mode 0644); secrets files must be private: run \`chmod 600 ${join(ws.root, '.provisioning/secrets.yaml')}\``,
      'provisioning.yaml:4:15 warning settings.ssh.password: {{secret.DB_PASSWORD}}: no secret named DB_PASSWORD (set PROVISIONING_SECRET_DB_PASSWORD or add it to a secrets file)',
    ]);
    expect(lines.join('\n')).not.toContain('hunter22');
    chmodSync(join(ws.root, '.provisioning/secrets.yaml'), 0o600);
    expect(validateWorkspace(ws.root, { env: { HOME: join(ws.root, 'home') } }).diagnostics).toEqual([]);
    ws.cleanup();
  });

  it('warns, in a git repository, when .provisioning/ is not git-ignored, and not once it is', () => {
    const ws = createTempWorkspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'acme/provisioning.yaml': 'name: acme\n',
      'acme/.provisioning/secrets.yaml': 'TOKEN: abc\n',
    });
    chmodSync(join(ws.root, 'acme/.provisioning/secrets.yaml'), 0o600);
    const root = join(ws.root, 'acme');
    expect(validateWorkspace(root, { env: {} }).diagnostics.map(formatDiagnostic)).toEqual([
      '.provisioning warning is not git-ignored; add `.provisioning/` to .gitignore so state, secrets and schemas never get committed',
    ]);
    ws.write('.gitignore', 'node_modules/\n**/.provisioning/\n');
    expect(validateWorkspace(root, { env: {} }).diagnostics).toEqual([]);
    ws.cleanup();
  });

  it('does not ask for a .gitignore outside a git repository', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\n', '.provisioning/state.db': '' });
    expect(validateWorkspace(ws.root, { env: {} }).diagnostics).toEqual([]);
    ws.cleanup();
  });
});

describe('validateWorkspace and YAML merge keys', () => {
  it('applies `<<: *defaults` merges from an x- key the schema ignores', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      'infra/prod/servers.yaml':
        'x-defaults: &defaults\n  user: deploy\n  port: 2222\nservers:\n  - <<: *defaults\n    name: web-1\n    address: 10.0.0.1\n    port: 22\n',
    });
    const report = validateWorkspace(ws.root, { env: {} });
    expect(report.diagnostics).toEqual([]);
    expect(report.workspace?.infras['prod'].servers[0]).toMatchObject({
      name: 'web-1',
      user: 'deploy',
      port: 22,
    });
    ws.cleanup();
  });
});

describe('validateWorkspace and references in params', () => {
  const lookup = (name: string) =>
    name === 'nginx'
      ? {
          paramsSchema: z.strictObject({
            server_name: z.string().regex(/^[a-z.-]+$/, 'must be a host name'),
          }),
        }
      : undefined;
  const files = (serverName: string) => ({
    'provisioning.yaml': 'name: acme\n',
    'infra/prod/infra.yaml': `servers:\n  - name: web-1\n    address: 10.0.0.1\ntaskservs:\n  - name: nginx\n    servers: [web-1]\n    params:\n      server_name: "${serverName}"\n`,
  });

  it('checks a param as the value it becomes once env, workspace and infra references are expanded', () => {
    const ws = createTempWorkspace(files('{{infra.name}}.{{workspace.name}}.example.com'));
    expect(validateWorkspace(ws.root, { env: {}, taskservLookup: lookup }).diagnostics).toEqual([]);
    ws.cleanup();
  });

  it('reports the expanded value that breaks the rule at the place the reference is written', () => {
    const ws = createTempWorkspace(files('{{env.SITE}}'));
    expect(
      validateWorkspace(ws.root, { env: { SITE: 'Not A Host' }, taskservLookup: lookup }).diagnostics.map(
        formatDiagnostic,
      ),
    ).toEqual([
      'infra/prod/infra.yaml:8:20 error taskservs[0].params.server_name: must be a host name, got "Not A Host"',
    ]);
    ws.cleanup();
  });
});

describe('server connection fields', () => {
  it('expands {{env.*}} and {{workspace.name}} in address, user, ssh_key and jump_host into the model', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      'infra/prod/servers.yaml':
        'servers:\n  - { name: web, address: "{{env.WEB_HOST}}", user: "{{workspace.name}}", ssh_key: "{{env.KEYS}}/id", jump_host: "ops@{{env.BASTION}}:2222" }\n',
    });
    const { workspace } = loadWorkspace(ws.root, {
      env: { WEB_HOST: '10.9.0.1', KEYS: '/keys', BASTION: 'bastion.example.com' },
    });
    const [server] = workspace.infras['prod'].servers;
    expect([server.address, server.user, server.ssh_key, server.jump_host]).toEqual([
      '10.9.0.1',
      'acme',
      '/keys/id',
      'ops@bastion.example.com:2222',
    ]);
    ws.cleanup();
  });

  it('accepts a provider another caller knows when it passes the name, and refuses it otherwise', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      'infra/prod/servers.yaml': 'servers:\n  - { name: a, provider: hetzner }\n',
    });
    expect(validateWorkspace(ws.root, { env: {} }).diagnostics.map((d) => d.code)).toEqual([
      'unknown-provider',
    ]);
    expect(validateWorkspace(ws.root, { env: {}, providers: ['static', 'hetzner'] }).diagnostics).toEqual([]);
    ws.cleanup();
  });
});

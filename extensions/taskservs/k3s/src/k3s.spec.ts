import { TaskservParamsError } from '@provisioning/sdk';
import { k3s } from './k3s';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { AGENT_TOKEN_FILE, NODE_TOKEN, SERVER_TOKEN_FILE } from './roles';

const published = { k3s: { token: 'K10abc::server:published-token', url: 'https://10.147.0.11:6443' } };
const agent = (params: object = {}, outputs: Record<string, Record<string, string>> = published) =>
  resolveOperations(k3s, { role: 'agent', ...params }, { outputs });

describe('k3s server install', () => {
  it('downloads the binary, writes the unit, runs k3s and waits for the join token', () => {
    expect(resolveOperations(k3s, {}).map((operation) => operation.id)).toEqual([
      'package:curl',
      'download:k3s',
      'directory:k3s-config',
      'file:k3s-unit',
      'service:k3s',
      'shell:wait-for-node-token',
    ]);
  });

  it('installs the release binary for the host architecture to /usr/local/bin/k3s, checked by sha256', () => {
    expect(operationById(resolveOperations(k3s, {}), 'download:k3s', 'download')).toMatchObject({
      url: 'https://github.com/k3s-io/k3s/releases/download/v1.32.3+k3s1/k3s',
      sha256: 'b19216803650b567bf980888dec39035edaf664339c55bc4462f7a003edbef83',
      path: '/usr/local/bin/k3s',
      mode: '0755',
    });
    expect(
      operationById(resolveOperations(k3s, {}, { host: { arch: 'aarch64' } }), 'download:k3s', 'download'),
    ).toMatchObject({
      url: 'https://github.com/k3s-io/k3s/releases/download/v1.32.3+k3s1/k3s-arm64',
      sha256: 'e1704d6dd74332acc8c398d36987663c7d559144b8ce789a83fd0ff1cb40cbaa',
    });
  });

  it('fetches from a mirror laid out like the releases, with the sha256 given for it', () => {
    const sha = 'b'.repeat(64);
    expect(
      operationById(
        resolveOperations(k3s, { mirror: 'http://10.147.0.1:8080/k3s', sha256: { amd64: sha } }),
        'download:k3s',
        'download',
      ),
    ).toMatchObject({
      url: 'http://10.147.0.1:8080/k3s/v1.32.3+k3s1/k3s',
      sha256: sha,
    });
  });

  it('runs "k3s server" from a notify unit and restarts it when the binary or the unit changed', () => {
    const operations = resolveOperations(k3s, { extra_args: ['--disable=traefik'] });
    const unit = operationById(operations, 'file:k3s-unit', 'file');
    expect(unit.path).toBe('/etc/systemd/system/k3s.service');
    expect(unit.content).toContain('\nType=notify\n');
    expect(unit.content).toContain('\nExecStart=/usr/local/bin/k3s server --disable=traefik\n');
    expect(operationById(operations, 'service:k3s', 'service')).toMatchObject({
      name: 'k3s',
      enabled: true,
      state: 'started',
      restartOn: ['download:k3s', 'file:k3s-unit'],
    });
  });

  it('waits for the node-token only until it exists, so a converged server does nothing', () => {
    const wait = operationById(resolveOperations(k3s, {}), 'shell:wait-for-node-token', 'shell');
    expect(wait.creates).toBe(NODE_TOKEN);
    expect(wait.command).toContain(`until [ -s ${NODE_TOKEN} ]`);
  });

  it('uses a shared token from params through --token-file, written as a sensitive root-only file', () => {
    const operations = resolveOperations(k3s, { token: 'shared-secret' });
    expect(operationById(operations, 'file:k3s-token', 'file')).toMatchObject({
      path: SERVER_TOKEN_FILE,
      content: 'shared-secret\n',
      mode: '0600',
      sensitive: true,
    });
    expect(operationById(operations, 'file:k3s-unit', 'file').content).toContain(
      `ExecStart=/usr/local/bin/k3s server --token-file ${SERVER_TOKEN_FILE}\n`,
    );
    expect(operationById(operations, 'service:k3s', 'service').restartOn).toContain('file:k3s-token');
  });

  it('publishes the join token (as a secret) and its URL for agents', () => {
    expect(k3s.outputs['token']?.secret).toBe(true);
    expect(k3s.outputs['token']?.command).toContain(`else cat ${NODE_TOKEN}; fi`);
    expect(k3s.outputs['url']?.command).toContain("printf 'https://%s:6443\\n'");
  });

  it('publishes, on an agent, the token and server URL it joined with, since the engine reads outputs on every host', () => {
    expect(k3s.outputs['token']?.command).toMatch(
      new RegExp(`^if \\[ -f ${AGENT_TOKEN_FILE} \\]; then cat ${AGENT_TOKEN_FILE};`),
    );
    expect(k3s.outputs['url']?.command).toContain(
      "if [ -f /etc/systemd/system/k3s-agent.service ]; then sed -n 's/^ExecStart=.* --server \\([^ ]*\\) .*/\\1/p'",
    );
  });
});

describe('k3s server joining another (embedded etcd)', () => {
  it('joins server_url with the token the first server published, through --token-file', () => {
    const operations = resolveOperations(
      k3s,
      { role: 'server', server_url: 'https://10.147.0.11:6443' },
      { outputs: published },
    );
    const unit = operationById(operations, 'file:k3s-unit', 'file');
    expect(unit.content).toContain(
      `\nExecStart=/usr/local/bin/k3s server --server https://10.147.0.11:6443 --token-file ${SERVER_TOKEN_FILE}\n`,
    );
    expect(operationById(operations, 'file:k3s-token', 'file')).toMatchObject({
      path: SERVER_TOKEN_FILE,
      content: 'K10abc::server:published-token\n',
      sensitive: true,
    });
  });

  it('names token when it has server_url but no token to join with', () => {
    expect(() => resolveOperations(k3s, { role: 'server', server_url: 'https://10.147.0.11:6443' })).toThrow(
      /token: a server joining server_url needs the join token/,
    );
  });

  it('ignores published outputs when it does not join anyone', () => {
    const unit = operationById(resolveOperations(k3s, {}, { outputs: published }), 'file:k3s-unit', 'file');
    expect(unit.content).toContain('\nExecStart=/usr/local/bin/k3s server\n');
  });
});

describe('k3s agent install', () => {
  it('joins the server it depends on with the token and URL that server published', () => {
    const operations = agent();
    expect(operations.map((operation) => operation.id)).toEqual([
      'package:curl',
      'download:k3s',
      'directory:k3s-config',
      'file:k3s-token',
      'file:k3s-unit',
      'service:k3s',
    ]);
    expect(operationById(operations, 'file:k3s-token', 'file')).toMatchObject({
      path: AGENT_TOKEN_FILE,
      content: 'K10abc::server:published-token\n',
      sensitive: true,
    });
    const unit = operationById(operations, 'file:k3s-unit', 'file');
    expect(unit.path).toBe('/etc/systemd/system/k3s-agent.service');
    expect(unit.content).toContain(
      `\nExecStart=/usr/local/bin/k3s agent --server https://10.147.0.11:6443 --token-file ${AGENT_TOKEN_FILE}\n`,
    );
    expect(operationById(operations, 'service:k3s', 'service')).toMatchObject({
      name: 'k3s-agent',
      restartOn: ['download:k3s', 'file:k3s-unit', 'file:k3s-token'],
    });
  });

  it('prefers a token and server URL given as params over the published ones', () => {
    const operations = agent({ token: 'shared-secret', server_url: 'https://k3s.internal:6443' });
    expect(operationById(operations, 'file:k3s-token', 'file').content).toBe('shared-secret\n');
    expect(operationById(operations, 'file:k3s-unit', 'file').content).toContain(
      '--server https://k3s.internal:6443 ',
    );
  });

  it('names token and server_url when the server published nothing and params give neither', () => {
    expect(() => agent({}, {})).toThrow(TaskservParamsError);
    expect(() => agent({}, {})).toThrow(
      /token: an agent needs the join token[\s\S]*server_url: an agent needs the server URL/,
    );
    expect(() => agent({ token: 't' }, {})).toThrow(/server_url: /);
  });

  it('refuses a server URL or token read back from the server host that does not have the shape params demand', () => {
    const hostile = { k3s: { token: 'K10abc', url: 'https://10.0.0.1:6443 --kubelet-arg=evil $HOME' } };
    expect(() => agent({}, hostile)).toThrow(
      /server_url: the k3s server published "https:\/\/10\.0\.0\.1:6443 --kubelet-arg=evil \$HOME" as its URL/,
    );
    expect(() =>
      agent({}, { k3s: { token: 'line\nExecStartPre=/bin/evil', url: 'https://10.0.0.1:6443' } }),
    ).toThrow(/token: the k3s server published a join token that is not one line/);
    expect(() => agent({ server_url: 'https://k3s.internal:6443', token: 't' }, hostile)).toThrow(
      TaskservParamsError,
    );
  });

  it('escapes % and $ in extra_args for systemd, so systemd expands no specifier or variable', () => {
    const unit = operationById(
      agent({ extra_args: ['--node-label=cost=100%', '--node-name=$HOSTNAME'] }),
      'file:k3s-unit',
      'file',
    ).content;
    expect(unit).toContain(
      'ExecStart=/usr/local/bin/k3s agent --server https://10.147.0.11:6443 --token-file /etc/rancher/k3s/agent-token --node-label=cost=100%% --node-name=$$HOSTNAME\n',
    );
  });

  it('never writes the token into the unit file, where systemctl show would print it', () => {
    expect(operationById(agent(), 'file:k3s-unit', 'file').content).not.toContain('published-token');
  });
});

describe('k3s remove', () => {
  it.each([
    ['server', 'k3s'],
    ['agent', 'k3s-agent'],
  ])(
    'stops and disables the %s unit in one guarded step, then removes the binary, config and data',
    (role, unit) => {
      const operations = resolveOperations(k3s, { role }, { action: 'remove', outputs: published });
      expect(operations.map((operation) => operation.id)).toEqual([
        'shell:stop-k3s',
        'absent:k3s-binary',
        'absent:k3s-config',
        'absent:k3s-data',
      ]);
      expect(operationById(operations, 'shell:stop-k3s', 'shell')).toMatchObject({
        command: `systemctl disable --now ${unit}.service && rm -f /etc/systemd/system/${unit}.service && systemctl daemon-reload`,
        onlyIf: `test -f /etc/systemd/system/${unit}.service`,
      });
    },
  );
});

describe('k3s params', () => {
  it.each([
    ['role', { role: 'master' }],
    ['version', { version: '1.32.3' }],
    ['mirror', { mirror: 'ftp://mirror' }],
    ['sha256.arm64', { sha256: { arm64: 'x' } }],
    ['server_url', { role: 'agent', server_url: 'http://10.0.0.1:6443' }],
    ['extra_args.0', { extra_args: ['--disable traefik; reboot'] }],
    ['token', { token: 'two\nlines' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(k3s, params, { outputs: published })).toThrow(TaskservParamsError);
    expect(() => resolveOperations(k3s, params, { outputs: published })).toThrow(
      new RegExp(`${field.replace(/\./g, '\\.')}: `),
    );
  });

  it('asks for sha256.<arch> when the version is not a known release', () => {
    expect(() => resolveOperations(k3s, { version: 'v1.33.0+k3s1' })).toThrow(
      /sha256\.amd64: k3s v1\.33\.0\+k3s1 is not among the known releases/,
    );
  });
});

describe('k3s: changing one param changes exactly the expected operations', () => {
  it.each([
    ['extra_args (server)', {}, { extra_args: ['--disable=traefik'] }, ['file:k3s-unit']],
    ['version', {}, { version: 'v1.33.0+k3s1', sha256: { amd64: 'c'.repeat(64) } }, ['download:k3s']],
    ['token (server)', {}, { token: 'shared' }, ['file:k3s-token', 'file:k3s-unit', 'service:k3s']],
    [
      'server_url (agent)',
      { role: 'agent' },
      { role: 'agent', server_url: 'https://k3s.internal:6443' },
      ['file:k3s-unit'],
    ],
    ['token (agent)', { role: 'agent' }, { role: 'agent', token: 'shared' }, ['file:k3s-token']],
  ])('%s', (_param, start, change, expected) => {
    const options = { outputs: published };
    expect(
      changedOperationIds(resolveOperations(k3s, start, options), resolveOperations(k3s, change, options)),
    ).toEqual(expected);
  });
});

describe('k3s operation references', () => {
  it.each([
    {},
    { token: 't' },
    { role: 'agent' },
    { role: 'agent', token: 't', server_url: 'https://k3s.internal:6443' },
  ])('every after and restartOn names an earlier operation, install and remove (%j)', (params) => {
    for (const action of ['install', 'remove'] as const) {
      expect(
        danglingReferences(resolveOperations(k3s, params, { ...{ outputs: published }, action })),
      ).toEqual([]);
    }
  });
});

import { defineTaskserv, file } from '@provisioning/sdk';
import { z } from 'zod';
import { loadInfra } from '../../testing/workspace-fixture';
import { buildSteps } from './build-steps';
import { hostWaves } from './host-waves';

const simple = (name: string, dependsOn: string[] = []) =>
  defineTaskserv({
    name,
    version: '1.0.0',
    params: z.object({ port: z.number().default(1) }),
    dependsOn,
    install: () => [file({ path: `/etc/${name}`, content: 'x' })],
  });

const registry = new Map([
  ['base', simple('base')],
  ['redis', simple('redis')],
  ['k3s-server', simple('k3s-server')],
  ['k3s-agent', simple('k3s-agent')],
]);
const resolve = (entry: { name: string }) => registry.get(entry.name);

const servers = `servers:
  - { name: a, address: 10.0.0.1, labels: { role: cp } }
  - { name: b, address: 10.0.0.2, labels: { role: worker } }
  - { name: c, address: 10.0.0.3, labels: { role: worker } }
`;

describe('buildSteps', () => {
  it('makes one step per taskserv and targeted server, ordered on the same host by depends_on', () => {
    const infra = loadInfra({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: base, servers: [a, b] }
  - { name: redis, servers: [b], depends_on: [base], params: { port: 6380 } }
`,
    });
    const steps = buildSteps(infra, resolve);
    expect(steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['base@a', []],
      ['base@b', []],
      ['redis@b', ['base@b']],
    ]);
    expect(steps[2].params).toEqual({ port: 6380 });
  });

  it('waits for every server of a dependency that runs elsewhere (agents after the k3s server)', () => {
    const infra = loadInfra({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: k3s-server, selector: { role: cp } }
  - { name: k3s-agent, selector: { role: worker }, depends_on: [k3s-server] }
`,
    });
    const waves = hostWaves(buildSteps(infra, resolve));
    expect(waves.map((wave) => wave.map((batch) => [batch.host, batch.steps.map((s) => s.id)]))).toEqual([
      [['a', ['k3s-server@a']]],
      [
        ['b', ['k3s-agent@b']],
        ['c', ['k3s-agent@c']],
      ],
    ]);
  });

  it('adds the servers of cluster roles to the taskservs the roles list', () => {
    const infra = loadInfra({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: base }
clusters:
  - name: k
    roles:
      workers: { selector: { role: worker }, taskservs: [base] }
`,
    });
    expect(buildSteps(infra, resolve).map((s) => s.id)).toEqual(['base@b', 'base@c']);
  });

  it('limits the run to selected servers and drops edges to steps outside it', () => {
    const infra = loadInfra({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:
  - { name: k3s-server, selector: { role: cp } }
  - { name: k3s-agent, selector: { role: worker }, depends_on: [k3s-server] }
`,
    });
    const steps = buildSteps(infra, resolve, { servers: new Set(['b']) });
    expect(steps.map((s) => [s.id, s.dependsOn])).toEqual([['k3s-agent@b', []]]);
  });

  it('names the file, line and column of an entry whose taskserv no extension provides, and where to look', () => {
    const infra = loadInfra({
      'infra/main/servers.yaml': servers,
      'infra/main/taskservs.yaml': `taskservs:\n  - { name: base, servers: [a] }\n  - { name: postgres, servers: [a] }\n`,
    });
    expect(() => buildSteps(infra, resolve)).toThrow(
      /^infra\/main\/taskservs\.yaml:3:\d+ taskserv entry "postgres" runs "postgres", which no available extension provides$/,
    );
    expect(() => buildSteps(infra, resolve)).toThrow(
      expect.objectContaining({ hint: expect.stringContaining("'provisioning taskserv list'") }),
    );
  });
});

describe('hostWaves', () => {
  const step = (id: string, dependsOn: string[]) =>
    ({ id, dependsOn, server: { name: id.split('@')[1] } }) as never;

  it('keeps a host-local dependency chain in one wave, in order, and puts cross-host dependents after', () => {
    const waves = hostWaves([step('app@a', ['base@a']), step('base@a', []), step('agent@b', ['app@a'])]);
    expect(waves.map((wave) => wave.map((batch) => [batch.host, batch.steps.map((s) => s.id)]))).toEqual([
      [['a', ['base@a', 'app@a']]],
      [['b', ['agent@b']]],
    ]);
  });

  it('names the cycle when steps depend on each other', () => {
    expect(() => hostWaves([step('x@a', ['y@a']), step('y@a', ['x@a'])])).toThrow(
      'dependency cycle: x@a -> y@a -> x@a',
    );
  });
});

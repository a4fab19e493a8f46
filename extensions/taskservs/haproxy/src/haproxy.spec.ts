import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { CANDIDATE_CONFIG, haproxy, HAPROXY_OPERATION_IDS as ids, LIVE_CONFIG } from './haproxy';

const minimal = {
  frontends: [{ name: 'web', bind: ['*:80'], default_backend: 'app' }],
  backends: [{ name: 'app', servers: [{ name: 'a1', address: '10.0.0.11', port: 8080 }] }],
};
const config = (params: object) =>
  operationById(resolveOperations(haproxy, params), ids.candidate, 'file').content ?? '';
const section = (text: string, header: string) =>
  text
    .trimEnd()
    .split('\n\n')
    .find((block) => block.startsWith(header))
    ?.split('\n');

describe('haproxy install', () => {
  it('installs the package, writes the candidate config, keeps the service up and reloads through the check last', () => {
    const operations = resolveOperations(haproxy, minimal);
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.candidate,
      ids.service,
      ids.reload,
    ]);
    expect(operationById(operations, ids.candidate, 'file')).toMatchObject({
      path: CANDIDATE_CONFIG,
      mode: '0640',
      group: 'haproxy',
    });
  });

  it('replaces the live config only after haproxy -c accepted the candidate, then reloads', () => {
    const reload = operationById(resolveOperations(haproxy, minimal), ids.reload, 'shell');
    const steps = reload.command.split(' && ');
    expect(steps[0]).toBe(`haproxy -c -q -f ${CANDIDATE_CONFIG}`);
    expect(steps.indexOf(`mv ${LIVE_CONFIG}.new ${LIVE_CONFIG}`)).toBeGreaterThan(0);
    expect(steps.indexOf('systemctl reload-or-restart haproxy')).toBeGreaterThan(
      steps.indexOf(`mv ${LIVE_CONFIG}.new ${LIVE_CONFIG}`),
    );
    expect(reload.after).toEqual([ids.candidate, ids.service]);
  });

  it('writes a TCP-connect health check by default and an HTTP one when http_path is set', () => {
    expect(section(config(minimal), 'backend app')).toEqual([
      'backend app',
      '    mode http',
      '    balance roundrobin',
      '    server a1 10.0.0.11:8080 weight 1 check inter 2s rise 2 fall 3',
    ]);
    const http = {
      ...minimal,
      backends: [
        {
          ...minimal.backends[0],
          health_check: { http_path: '/healthz', expect_status: 204 },
          servers: [{ name: 'a1', address: 'fd00::1', port: 80, backup: true }],
        },
      ],
    };
    expect(section(config(http), 'backend app')).toEqual([
      'backend app',
      '    mode http',
      '    balance roundrobin',
      '    option httpchk GET /healthz',
      '    http-check expect status 204',
      '    server a1 [fd00::1]:80 weight 1 backup check inter 2s rise 2 fall 3',
    ]);
  });

  it('turns routes into host and path ACLs tried in order before the default backend', () => {
    const params = {
      frontends: [
        {
          name: 'web',
          bind: ['*:80', '[::]:80'],
          default_backend: 'app',
          routes: [
            { host: 'api.example.com', path_prefix: '/v1', backend: 'api' },
            { host: '*.example.org', backend: 'api' },
          ],
        },
      ],
      backends: [
        minimal.backends[0],
        { name: 'api', servers: [{ name: 'b1', address: 'api.internal', port: 9000 }] },
      ],
    };
    expect(section(config(params), 'frontend web')).toEqual([
      'frontend web',
      '    bind *:80',
      '    bind [::]:80',
      '    mode http',
      '    option httplog',
      '    acl route0_host req.hdr(host),field(1,:) -i api.example.com',
      '    acl route0_path path_beg /v1',
      '    acl route1_host req.hdr(host),field(1,:) -i -m end .example.org',
      '    use_backend api if route0_host route0_path',
      '    use_backend api if route1_host',
      '    default_backend app',
    ]);
  });

  it('adds a stats listener only when asked', () => {
    expect(config(minimal)).not.toContain('listen stats');
    expect(section(config({ ...minimal, stats: {} }), 'listen stats')).toContain('    bind 127.0.0.1:8404');
  });
});

describe('haproxy remove', () => {
  it('removes the package, the candidate and the stamp (dpkg keeps haproxy.cfg)', () => {
    expect(
      resolveOperations(haproxy, minimal, { action: 'remove' }).map((operation) => operation.id),
    ).toEqual([ids.package, 'absent:haproxy-candidate', 'absent:haproxy-reload-stamp']);
  });
});

describe('haproxy params', () => {
  it.each([
    ['frontends', { backends: minimal.backends }],
    [
      'frontends.0.default_backend',
      { ...minimal, frontends: [{ ...minimal.frontends[0], default_backend: 'nope' }] },
    ],
    ['frontends.0.default_backend', { ...minimal, frontends: [{ ...minimal.frontends[0], mode: 'tcp' }] }],
    ['frontends.0.bind.0', { ...minimal, frontends: [{ ...minimal.frontends[0], bind: ['80'] }] }],
    [
      'frontends.0.routes.0',
      { ...minimal, frontends: [{ ...minimal.frontends[0], routes: [{ backend: 'app' }] }] },
    ],
    [
      'backends.0.servers.0.address',
      {
        ...minimal,
        backends: [{ name: 'app', servers: [{ name: 'a', address: '1.2.3.4 check', port: 80 }] }],
      },
    ],
    ['backends.0.servers', { ...minimal, backends: [{ name: 'app', servers: [] }] }],
    [
      'backends.0.options.0',
      { ...minimal, backends: [{ ...minimal.backends[0], options: ['timeout server 5s\nbind :1'] }] },
    ],
    ['backends', { ...minimal, backends: [minimal.backends[0], minimal.backends[0]] }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(haproxy, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(haproxy, params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });
});

describe('haproxy: changing one param changes exactly the expected operations', () => {
  it.each([
    [
      'a server weight',
      {
        ...minimal,
        backends: [{ name: 'app', servers: [{ name: 'a1', address: '10.0.0.11', port: 8080, weight: 3 }] }],
      },
    ],
    ['the timeouts', { ...minimal, timeouts: { server: '5m' } }],
  ])('%s changes only the candidate config', (_name, params) => {
    expect(
      changedOperationIds(resolveOperations(haproxy, minimal), resolveOperations(haproxy, params)),
    ).toEqual([ids.candidate]);
  });

  it('every after names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(haproxy, minimal, { action }))).toEqual([]);
  });
});

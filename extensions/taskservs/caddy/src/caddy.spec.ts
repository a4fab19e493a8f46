import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { caddy, CADDY_OPERATION_IDS as ids, CANDIDATE_CADDYFILE, LIVE_CADDYFILE } from './caddy';

const proxy = {
  sites: [
    {
      address: 'app.example.com',
      reverse_proxy: { upstreams: ['10.0.0.5:3000', '10.0.0.6:3000'], health_uri: '/healthz' },
    },
  ],
};
const file = (params: object) =>
  operationById(resolveOperations(caddy, params), ids.candidate, 'file').content?.split('\n').slice(1, -1);

describe('caddy install', () => {
  it('writes the candidate, keeps caddy up, and replaces the live Caddyfile only after caddy validate passed', () => {
    const operations = resolveOperations(caddy, proxy);
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.candidate,
      ids.service,
      ids.reload,
    ]);
    const steps = operationById(operations, ids.reload, 'shell').command.split(' && ');
    expect(steps[0]).toBe(`caddy validate --adapter caddyfile --config ${CANDIDATE_CADDYFILE}`);
    expect(steps.indexOf(`mv ${LIVE_CADDYFILE}.new ${LIVE_CADDYFILE}`)).toBeGreaterThan(0);
    expect(steps.indexOf('systemctl reload-or-restart caddy')).toBeGreaterThan(
      steps.indexOf(`mv ${LIVE_CADDYFILE}.new ${LIVE_CADDYFILE}`),
    );
  });

  it('turns automatic HTTPS off by default and writes a health-checked reverse proxy', () => {
    expect(file(proxy)).toEqual([
      '{',
      '\tauto_https off',
      '}',
      '',
      'app.example.com {',
      '\tencode zstd gzip',
      '\treverse_proxy 10.0.0.5:3000 10.0.0.6:3000 {',
      '\t\tlb_policy round_robin',
      '\t\thealth_uri /healthz',
      '\t\thealth_interval 10s',
      '\t}',
      '}',
    ]);
  });

  it('with automatic HTTPS, has no global block unless an ACME email is given; a static site serves files', () => {
    expect(
      file({
        automatic_https: true,
        sites: [{ address: 'www.example.com', root: '/srv/www', encode: false }],
      }),
    ).toEqual(['www.example.com {', '\troot * /srv/www', '\tfile_server', '}']);
    expect(
      file({
        automatic_https: true,
        email: 'ops@example.com',
        sites: [{ address: ':80', root: '/srv/www' }],
      })?.slice(0, 3),
    ).toEqual(['{', '\temail ops@example.com', '}']);
  });
});

describe('caddy params', () => {
  it.each([
    ['sites', { sites: [] }],
    ['sites.0', { sites: [{ address: ':80' }] }],
    ['sites.0.address', { sites: [{ address: 'a b {', root: '/srv' }] }],
    [
      'sites.0.reverse_proxy.upstreams.0',
      { sites: [{ address: ':80', reverse_proxy: { upstreams: ['x } import'] } }] },
    ],
    [
      'sites',
      {
        sites: [
          { address: ':80', root: '/a' },
          { address: ':80', root: '/b' },
        ],
      },
    ],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(caddy, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(caddy, params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('adding an upstream changes only the candidate', () => {
    const more = {
      sites: [
        {
          ...proxy.sites[0],
          reverse_proxy: { ...proxy.sites[0].reverse_proxy, upstreams: ['10.0.0.5:3000'] },
        },
      ],
    };
    expect(changedOperationIds(resolveOperations(caddy, proxy), resolveOperations(caddy, more))).toEqual([
      ids.candidate,
    ]);
  });

  it('every after names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(caddy, proxy, { action }))).toEqual([]);
  });
});

import type { TaskservScenario } from '@provisioning/sdk';

const get = (path: string, host = 'localhost') =>
  `python3 -c "import urllib.request as u; print(u.urlopen(u.Request('http://127.0.0.1${path}', headers={'Host': '${host}'})).read().decode())"`;
const stats = (line: string) => `${get('/stats;csv')} | grep '^${line}'`;

/** The stats page is both the thing checked and, behind the frontend, a backend that is really up. */
const common = {
  stats: { bind: '127.0.0.1:8404', uri: '/stats' },
  frontends: [
    {
      name: 'web',
      bind: ['*:80'],
      default_backend: 'app',
      routes: [{ path_prefix: '/admin', backend: 'admin' }],
    },
  ],
  backends: [
    {
      name: 'app',
      health_check: { http_path: '/stats', interval: '500ms', rise: 1, fall: 1 },
      servers: [
        { name: 'live', address: '127.0.0.1', port: 8404 },
        { name: 'dead', address: '127.0.0.1', port: 9 },
      ],
    },
    {
      name: 'admin',
      servers: [{ name: 'stats', address: '127.0.0.1', port: 8404 }],
      health_check: { enabled: false },
    },
  ],
};

export const haproxyScenarios: readonly TaskservScenario[] = [
  {
    name: 'haproxy: a frontend routing to two backends with health checks, then a server weight changed',
    taskserv: 'haproxy',
    description:
      'Changing a weight rewrites the candidate config, which passes haproxy -c and replaces the live one with one reload.',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'the frontend proxies to the healthy server',
        command: get('/stats'),
        expect: 'Statistics Report',
      },
      {
        description: 'the HTTP health check marks the live server up',
        command: stats('app,live,'),
        expect: ',UP,',
      },
      { description: 'and the dead one down', command: stats('app,dead,'), expect: ',DOWN,' },
      {
        description: 'the route sends /admin to the admin backend',
        command: stats('admin,stats,'),
        expect: 'admin,stats,',
      },
      {
        description: 'the live config is the checked one',
        command: 'cmp /etc/haproxy/haproxy.cfg /etc/haproxy/haproxy.cfg.provisioning && echo same',
        expect: 'same',
      },
    ],
    change: {
      params: {
        ...common,
        backends: [
          {
            ...common.backends[0],
            servers: [{ ...common.backends[0].servers[0], weight: 5 }, common.backends[0].servers[1]],
          },
          common.backends[1],
        ],
      },
      changes: ['file:haproxy-candidate', 'shell:haproxy-validate-reload'],
    },
    removed: [
      {
        description: 'haproxy is removed',
        command: 'test ! -e /usr/sbin/haproxy && echo gone',
        expect: 'gone',
      },
      {
        description: 'the candidate is gone',
        command: 'test ! -e /etc/haproxy/haproxy.cfg.provisioning && echo gone',
        expect: 'gone',
      },
    ],
  },
];

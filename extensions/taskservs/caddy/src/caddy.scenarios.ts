import type { TaskservScenario } from '@provisioning/sdk';

const get = (port: number, path = '/') =>
  `python3 -c "import urllib.request as u; r = u.urlopen('http://127.0.0.1:${port}${path}'); print(r.status, r.read().decode())"`;

// A static site on :8081 is both a site under test and the upstream of the proxy on :8080.
const common = {
  sites: [
    {
      address: ':8080',
      reverse_proxy: { upstreams: ['127.0.0.1:8081'], health_uri: '/', health_interval: '2s' },
    },
    { address: ':8081', root: '/usr/share/caddy' },
  ],
};

export const caddyScenarios: readonly TaskservScenario[] = [
  {
    name: 'caddy: a health-checked reverse proxy in front of a static site, plain HTTP, then a second upstream',
    taskserv: 'caddy',
    description:
      'Adding an upstream rewrites the candidate Caddyfile, which passes caddy validate and replaces the live one with one reload.',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'the static site serves the package’s page',
        command: get(8081),
        expect: 'Caddy works!',
      },
      { description: 'the proxy forwards to it', command: get(8080), expect: '200' },
      {
        description: 'automatic HTTPS is off',
        command: 'head -4 /etc/caddy/Caddyfile',
        expect: 'auto_https off',
      },
      {
        description: 'the live Caddyfile is the validated one',
        command: 'cmp /etc/caddy/Caddyfile /etc/caddy/Caddyfile.provisioning && echo same',
        expect: 'same',
      },
    ],
    change: {
      params: {
        sites: [
          {
            ...common.sites[0],
            reverse_proxy: {
              ...common.sites[0].reverse_proxy,
              upstreams: ['127.0.0.1:8081', '127.0.0.1:8082'],
            },
          },
          common.sites[1],
        ],
      },
      changes: ['file:caddy-candidate', 'shell:caddy-validate-reload'],
    },
    removed: [
      { description: 'caddy is removed', command: 'test ! -e /usr/bin/caddy && echo gone', expect: 'gone' },
      {
        description: 'the candidate is gone',
        command: 'test ! -e /etc/caddy/Caddyfile.provisioning && echo gone',
        expect: 'gone',
      },
    ],
  },
];

import type { HaproxyParams } from './params';

type Backend = HaproxyParams['backends'][number];
type Frontend = HaproxyParams['frontends'][number];

const indent = (lines: string[]) => lines.map((line) => `    ${line}`);

function frontendSection(frontend: Frontend): string[] {
  const acls: string[] = [];
  const uses: string[] = [];
  frontend.routes.forEach((route, index) => {
    const conditions: string[] = [];
    if (route.host) {
      const host = route.host.startsWith('*.') ? `-m end ${route.host.slice(1)}` : route.host;
      acls.push(`acl route${index}_host req.hdr(host),field(1,:) -i ${host}`);
      conditions.push(`route${index}_host`);
    }
    if (route.path_prefix) {
      acls.push(`acl route${index}_path path_beg ${route.path_prefix}`);
      conditions.push(`route${index}_path`);
    }
    uses.push(`use_backend ${route.backend} if ${conditions.join(' ')}`);
  });
  return [
    `frontend ${frontend.name}`,
    ...indent([
      ...frontend.bind.map((bind) => `bind ${bind}`),
      `mode ${frontend.mode}`,
      frontend.mode === 'http' ? 'option httplog' : 'option tcplog',
      ...acls,
      ...uses,
      ...frontend.options,
      `default_backend ${frontend.default_backend}`,
    ]),
  ];
}

function backendSection(backend: Backend): string[] {
  const check = backend.health_check;
  const httpCheck = check.enabled && check.http_path !== undefined && backend.mode === 'http';
  const serverCheck = check.enabled
    ? ` check inter ${check.interval} rise ${check.rise} fall ${check.fall}`
    : '';
  return [
    `backend ${backend.name}`,
    ...indent([
      `mode ${backend.mode}`,
      `balance ${backend.balance}`,
      ...(httpCheck
        ? [`option httpchk GET ${check.http_path}`, `http-check expect status ${check.expect_status}`]
        : []),
      ...backend.options,
      ...backend.servers.map((server) => {
        const address = server.address.includes(':') ? `[${server.address}]` : server.address;
        return `server ${server.name} ${address}:${server.port} weight ${server.weight}${server.backup ? ' backup' : ''}${serverCheck}`;
      }),
    ]),
  ];
}

/** The whole haproxy.cfg: Debian's global section, then defaults, stats, frontends and backends. */
export function haproxyCfg(params: HaproxyParams): string {
  const sections: string[][] = [
    [
      '# Managed by provisioning (taskserv haproxy); changes here are overwritten on the next apply.',
      'global',
      ...indent([
        'log /dev/log local0',
        'log /dev/log local1 notice',
        'chroot /var/lib/haproxy',
        'stats socket /run/haproxy/admin.sock mode 660 level admin',
        'stats timeout 30s',
        'user haproxy',
        'group haproxy',
        'daemon',
        `maxconn ${params.maxconn}`,
      ]),
    ],
    [
      'defaults',
      ...indent([
        'log global',
        'option dontlognull',
        `timeout connect ${params.timeouts.connect}`,
        `timeout client ${params.timeouts.client}`,
        `timeout server ${params.timeouts.server}`,
      ]),
    ],
    ...(params.stats
      ? [
          [
            'listen stats',
            ...indent([
              `bind ${params.stats.bind}`,
              'mode http',
              'stats enable',
              `stats uri ${params.stats.uri}`,
              'stats refresh 10s',
            ]),
          ],
        ]
      : []),
    ...params.frontends.map(frontendSection),
    ...params.backends.map(backendSection),
  ];
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

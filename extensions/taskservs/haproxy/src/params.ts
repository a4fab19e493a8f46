import { z } from 'zod';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NAME_MESSAGE = 'must be letters, digits, dot, dash or underscore';
const BIND = /^(\*|[0-9.]+|\[[0-9A-Fa-f:]+\])?:[0-9]{1,5}$/;
const ADDRESS = /^([0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*|[A-Za-z0-9][A-Za-z0-9.-]*)$/;
const HOST = /^(\*\.)?[A-Za-z0-9][A-Za-z0-9.-]*$/;
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
const DURATION = /^[0-9]+(us|ms|s|m|h|d)?$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = new RegExp('^[^\\u0000-\\u001f\\u007f]+$');

const mode = z.enum(['http', 'tcp']).default('http');
const port = z.number().int().min(1).max(65535);
const rawLines = z
  .array(z.string().regex(SINGLE_LINE, 'must be one line of printable characters'))
  .default([])
  .describe(
    'Further haproxy.cfg lines for this section, as written (checked by haproxy -c before any reload).',
  );

export const frontendParams = z.strictObject({
  name: z.string().regex(NAME, NAME_MESSAGE).describe('Frontend name.'),
  bind: z
    .array(z.string().regex(BIND, 'must be [address]:port such as *:80, :443, 127.0.0.1:8080 or [::]:80'))
    .min(1)
    .describe('Addresses and ports to listen on.'),
  mode: mode.describe('http (layer 7, routes allowed) or tcp.'),
  default_backend: z.string().regex(NAME, NAME_MESSAGE).describe('Backend for requests no route matches.'),
  routes: z
    .array(
      z
        .strictObject({
          host: z
            .string()
            .regex(HOST, 'must be a host name, optionally starting with *.')
            .optional()
            .describe('Host header to match (port ignored).'),
          path_prefix: z
            .string()
            .regex(PATH, 'must be a URL path starting with /')
            .optional()
            .describe('Path prefix to match.'),
          backend: z.string().regex(NAME, NAME_MESSAGE).describe('Backend for matching requests.'),
        })
        .refine(
          (route) => route.host !== undefined || route.path_prefix !== undefined,
          'give host, path_prefix or both',
        ),
    )
    .default([])
    .describe('HTTP routes tried in order before default_backend (http mode only).'),
  options: rawLines,
});

export const healthCheckParams = z.strictObject({
  enabled: z.boolean().default(true).describe('Check every server; a failing one gets no traffic.'),
  http_path: z
    .string()
    .regex(PATH, 'must be a URL path starting with /')
    .optional()
    .describe('HTTP GET this path and expect expect_status (http backends); unset: a TCP connect check.'),
  expect_status: z.number().int().min(100).max(599).default(200).describe('Status the HTTP check expects.'),
  interval: z
    .string()
    .regex(DURATION, 'must be a duration such as 2s or 500ms')
    .default('2s')
    .describe('Time between checks.'),
  rise: z.number().int().min(1).default(2).describe('Successful checks before a server is up.'),
  fall: z.number().int().min(1).default(3).describe('Failed checks before a server is down.'),
});

export const backendParams = z.strictObject({
  name: z.string().regex(NAME, NAME_MESSAGE).describe('Backend name.'),
  mode: mode.describe('http or tcp (match the frontends that use it).'),
  balance: z
    .enum(['roundrobin', 'leastconn', 'source', 'first', 'random'])
    .default('roundrobin')
    .describe('Load-balancing algorithm.'),
  servers: z
    .array(
      z.strictObject({
        name: z.string().regex(NAME, NAME_MESSAGE).describe('Server name (shown in stats and logs).'),
        address: z.string().regex(ADDRESS, 'must be an IP address or a host name').describe('Address.'),
        port: port.describe('Port.'),
        weight: z.number().int().min(0).max(256).default(1).describe('Relative share of traffic (0: none).'),
        backup: z.boolean().default(false).describe('Only used when every non-backup server is down.'),
      }),
    )
    .min(1)
    .describe('Servers of this backend.'),
  health_check: healthCheckParams
    .default({ enabled: true, expect_status: 200, interval: '2s', rise: 2, fall: 3 })
    .describe('Health checks of the servers.'),
  options: rawLines,
});

export const haproxyParams = z
  .strictObject({
    maxconn: z.number().int().min(1).default(4096).describe('Global maxconn.'),
    timeouts: z
      .strictObject({
        connect: z.string().regex(DURATION, 'must be a duration such as 5s').default('5s'),
        client: z.string().regex(DURATION, 'must be a duration such as 50s').default('50s'),
        server: z.string().regex(DURATION, 'must be a duration such as 50s').default('50s'),
      })
      .default({ connect: '5s', client: '50s', server: '50s' })
      .describe('Default connect, client and server timeouts.'),
    frontends: z.array(frontendParams).min(1).describe('Frontends (what haproxy listens on).'),
    backends: z.array(backendParams).min(1).describe('Backends (the servers behind it).'),
    stats: z
      .strictObject({
        bind: z
          .string()
          .regex(BIND, 'must be [address]:port such as 127.0.0.1:8404')
          .default('127.0.0.1:8404'),
        uri: z.string().regex(PATH, 'must be a URL path starting with /').default('/stats'),
      })
      .optional()
      .describe('Serve the statistics page (HTML, and CSV at <uri>;csv); unset: no stats page.'),
  })
  .superRefine((params, ctx) => {
    const unique = (names: string[], path: string) => {
      if (new Set(names).size !== names.length)
        ctx.addIssue({ code: 'custom', path: [path], message: 'names must be unique' });
    };
    unique(
      params.frontends.map((frontend) => frontend.name),
      'frontends',
    );
    unique(
      params.backends.map((backend) => backend.name),
      'backends',
    );
    const backends = new Map(params.backends.map((backend) => [backend.name, backend]));
    params.backends.forEach((backend, index) =>
      unique(
        backend.servers.map((server) => server.name),
        `backends.${index}.servers`,
      ),
    );
    params.frontends.forEach((frontend, index) => {
      const used = [
        { name: frontend.default_backend, path: ['frontends', index, 'default_backend'] },
        ...frontend.routes.map((route, r) => ({
          name: route.backend,
          path: ['frontends', index, 'routes', r, 'backend'],
        })),
      ];
      for (const { name, path } of used) {
        const backend = backends.get(name);
        if (!backend)
          ctx.addIssue({ code: 'custom', path, message: `backend "${name}" is not among backends` });
        else if (backend.mode !== frontend.mode)
          ctx.addIssue({
            code: 'custom',
            path,
            message: `backend "${name}" is ${backend.mode} mode, the frontend ${frontend.mode}`,
          });
      }
      if (frontend.mode === 'tcp' && frontend.routes.length)
        ctx.addIssue({
          code: 'custom',
          path: ['frontends', index, 'routes'],
          message: 'routes need mode http',
        });
    });
  });

export type HaproxyParams = z.output<typeof haproxyParams>;

import { z } from 'zod';

const SITE_ADDRESS =
  /^((https?:\/\/)?(\*\.)?[A-Za-z0-9.-]*[A-Za-z0-9](:[0-9]{1,5})?|(https?:\/\/)?:[0-9]{1,5})$/;
const UPSTREAM =
  /^(https?:\/\/)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^(https?:\/\/)?\[[0-9A-Fa-f:]+\](:[0-9]{1,5})?$/;
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
const DURATION = /^[0-9]+(ms|s|m|h)$/;

export const siteParams = z
  .strictObject({
    address: z
      .string()
      .regex(SITE_ADDRESS, 'must be a site address such as example.com, :8080 or http://example.com')
      .describe(
        'Site address: a host name (with automatic HTTPS, caddy gets its certificate), :port, or http://name for plain HTTP.',
      ),
    reverse_proxy: z
      .strictObject({
        upstreams: z
          .array(z.string().regex(UPSTREAM, 'must be host:port such as 127.0.0.1:8080'))
          .min(1)
          .describe('Backends, load-balanced.'),
        lb_policy: z
          .enum(['round_robin', 'least_conn', 'first', 'ip_hash', 'random'])
          .default('round_robin')
          .describe('Load-balancing policy.'),
        health_uri: z
          .string()
          .regex(PATH, 'must be a URL path starting with /')
          .optional()
          .describe('Active health check: GET this path on each upstream.'),
        health_interval: z
          .string()
          .regex(DURATION, 'must be a duration such as 10s')
          .default('10s')
          .describe('Time between active health checks.'),
      })
      .optional()
      .describe('Proxy every request to these upstreams.'),
    root: z
      .string()
      .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path')
      .optional()
      .describe('Serve static files from this directory (when there is no reverse_proxy).'),
    encode: z.boolean().default(true).describe('Compress responses (gzip, zstd).'),
  })
  .refine(
    (site) => (site.reverse_proxy === undefined) !== (site.root === undefined),
    'give exactly one of reverse_proxy or root',
  );

export type SiteParams = z.output<typeof siteParams>;

export const caddyParams = z
  .strictObject({
    sites: z.array(siteParams).min(1).describe('Sites, each a reverse proxy or a static file server.'),
    automatic_https: z
      .boolean()
      .default(false)
      .describe(
        'Let caddy obtain and renew certificates (needs the names to resolve to this host and ports 80/443 reachable). Off by default: sites are plain HTTP.',
      ),
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
      .optional()
      .describe('ACME account email (with automatic_https).'),
  })
  .superRefine((params, ctx) => {
    if (new Set(params.sites.map((site) => site.address)).size !== params.sites.length)
      ctx.addIssue({ code: 'custom', path: ['sites'], message: 'site addresses must be unique' });
  });

export type CaddyParams = z.output<typeof caddyParams>;

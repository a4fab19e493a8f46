import { z } from 'zod';

const SERVER_NAMES = /^(_|\*?[A-Za-z0-9.-]+)( \*?[A-Za-z0-9.-]+)*$/;
const SITE = /^[a-z0-9][a-z0-9_.-]*$/;
const ABSOLUTE_PATH = /^\/[^\s;{}'"]*$/;
const UPSTREAM = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(\/[^\s;{}'"]*)?$/;

export const nginxParams = z.strictObject({
  server_name: z
    .string()
    .regex(SERVER_NAMES, 'must be host names separated by spaces (a leading * allowed), or _ for any')
    .default('_')
    .describe('nginx server_name of the site; _ matches any name.'),
  port: z.number().int().min(1).max(65535).default(80).describe('Port the site listens on.'),
  ipv6: z.boolean().default(true).describe('Also listen on [::] (off for hosts without IPv6).'),
  root: z
    .string()
    .regex(ABSOLUTE_PATH, 'must be an absolute path without spaces, quotes, braces or semicolons')
    .default('/var/www/html')
    .describe('Directory served as static files (ignored when upstream is set).'),
  upstream: z
    .string()
    .regex(UPSTREAM, 'must be an http:// or https:// URL such as http://127.0.0.1:3000')
    .optional()
    .describe('Proxy every request to this URL instead of serving root.'),
  site: z
    .string()
    .regex(SITE, 'must be a file name: lowercase letters, digits, dot, dash, underscore')
    .default('provisioning')
    .describe('Name of the site file in /etc/nginx/sites-available and its link in sites-enabled.'),
  remove_default_site: z
    .boolean()
    .default(true)
    .describe("Remove the package's default site from sites-enabled."),
  worker_processes: z
    .string()
    .regex(/^(auto|[1-9][0-9]*)$/, 'must be "auto" or a positive number written as a string')
    .default('auto')
    .describe('nginx worker_processes in nginx.conf.'),
});

export type NginxParams = z.output<typeof nginxParams>;

import {
  absent,
  defineTaskserv,
  directory,
  line,
  link,
  pkg,
  quote,
  service,
  shell,
  template,
} from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';
import type { NginxParams } from './params';
import { nginxParams } from './params';
import { SITE_TEMPLATE, siteTemplateParams } from './site-template';

/** `nginx -T` (the whole effective config) as of the last successful reload: reload when it differs. */
export const RELOADED_STAMP = '/var/lib/provisioning/nginx/config.sha256';
const NGINX_CONF = '/etc/nginx/nginx.conf';
const DEFAULT_SITE_LINK = '/etc/nginx/sites-enabled/default';

export const NGINX_OPERATION_IDS = {
  package: 'package:nginx',
  workers: 'line:nginx-worker-processes',
  root: 'directory:nginx-root',
  site: 'template:nginx-site',
  enable: 'link:nginx-site',
  defaultSite: 'absent:nginx-default-site',
  reload: 'shell:reload-nginx',
  service: 'service:nginx',
} as const;
const ids = NGINX_OPERATION_IDS;

const siteAvailable = (params: NginxParams) => `/etc/nginx/sites-available/${params.site}`;
const siteEnabled = (params: NginxParams) => `/etc/nginx/sites-enabled/${params.site}`;

function configuration(params: NginxParams): Operation[] {
  const afterPackage = { after: [ids.package] };
  return [
    line({
      id: ids.workers,
      path: NGINX_CONF,
      regex: '^\\s*worker_processes\\s',
      line: `worker_processes ${params.worker_processes};`,
      create: false,
      ...afterPackage,
    }),
    ...(params.upstream ? [] : [directory({ id: ids.root, path: params.root, ...afterPackage })]),
    template({
      id: ids.site,
      path: siteAvailable(params),
      template: SITE_TEMPLATE,
      params: siteTemplateParams(params),
      mode: '0644',
      ...afterPackage,
    }),
    link({ id: ids.enable, path: siteEnabled(params), target: siteAvailable(params), ...afterPackage }),
    ...(params.remove_default_site
      ? [absent({ id: ids.defaultSite, path: DEFAULT_SITE_LINK, ...afterPackage })]
      : []),
  ];
}

/** `nginx -t` guards the reload: a broken config fails the apply and never reaches the running nginx. */
function reloadWhenConfigChanged(watched: string[]): Operation {
  const stamp = quote(RELOADED_STAMP);
  return shell({
    id: ids.reload,
    description:
      'validate the nginx config (nginx -t) and reload nginx (config changed since the last reload)',
    command: `nginx -t && systemctl reload-or-restart nginx && mkdir -p ${quote('/var/lib/provisioning/nginx')} && nginx -T 2>/dev/null | sha256sum > ${stamp}`,
    unless: `test "$(nginx -T 2>/dev/null | sha256sum)" = "$(cat ${stamp} 2>/dev/null)"`,
    after: watched,
  });
}

/**
 * nginx from the distribution serving one site (static root or reverse proxy) from a template,
 * enabled by a link in sites-enabled. Any config change is validated and reloaded, never restarted.
 */
export const nginx = defineTaskserv({
  name: 'nginx',
  version: '0.1.0',
  description:
    'nginx from the distribution with one site: static files or a reverse proxy, validated before every reload.',
  params: nginxParams,
  install: ({ params }) => {
    const config = configuration(params);
    return [
      pkg({ id: ids.package, names: ['nginx'] }),
      ...config,
      // Before the reload: a shell operation that may change makes everything after it "known
      // after apply", and the service itself never changes for a config edit.
      service({ id: ids.service, name: 'nginx', enabled: true, state: 'started', after: [ids.package] }),
      reloadWhenConfigChanged([ids.package, ...config.map((operation) => operation.id)]),
    ];
  },
  remove: ({ params }) => [
    pkg({ id: ids.package, names: ['nginx', 'nginx-common'], state: 'absent' }),
    absent({ id: ids.enable, path: siteEnabled(params), after: [ids.package] }),
    absent({ id: 'absent:nginx-site', path: siteAvailable(params), after: [ids.package] }),
    absent({ id: 'absent:nginx-reload-stamp', path: RELOADED_STAMP }),
  ],
});

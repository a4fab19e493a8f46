import { absent, defineTaskserv, file, pkg, quote, service, shell } from '@provisioning/sdk';
import { caddyfile } from './caddyfile';
import { caddyParams } from './params';

export const LIVE_CADDYFILE = '/etc/caddy/Caddyfile';
export const CANDIDATE_CADDYFILE = '/etc/caddy/Caddyfile.provisioning';
export const RELOADED_STAMP = '/var/lib/provisioning/caddy/Caddyfile.sha256';

export const CADDY_OPERATION_IDS = {
  package: 'package:caddy',
  candidate: 'file:caddy-candidate',
  service: 'service:caddy',
  reload: 'shell:caddy-validate-reload',
} as const;
const ids = CADDY_OPERATION_IDS;
const candidate = quote(CANDIDATE_CADDYFILE);
const stamp = quote(RELOADED_STAMP);

/**
 * caddy from the distribution with its whole Caddyfile generated. A new Caddyfile is written
 * beside the live one and must pass `caddy validate` before it replaces it and caddy reloads
 * (through its admin API, without dropping connections).
 */
export const caddy = defineTaskserv({
  name: 'caddy',
  version: '0.1.0',
  description:
    'Caddy from the distribution: sites as data (reverse proxies with health checks, static files), automatic HTTPS off unless asked, every Caddyfile validated before it replaces the running one.',
  params: caddyParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['caddy'] }),
    file({
      id: ids.candidate,
      path: CANDIDATE_CADDYFILE,
      content: caddyfile(params),
      mode: '0644',
      after: [ids.package],
    }),
    service({ id: ids.service, name: 'caddy', enabled: true, state: 'started', after: [ids.package] }),
    shell({
      id: ids.reload,
      description: 'validate the new Caddyfile (caddy validate), then install it and reload caddy',
      command: [
        `caddy validate --adapter caddyfile --config ${candidate}`,
        `cp ${candidate} ${quote(`${LIVE_CADDYFILE}.new`)}`,
        `mv ${quote(`${LIVE_CADDYFILE}.new`)} ${quote(LIVE_CADDYFILE)}`,
        'systemctl reload-or-restart caddy',
        `mkdir -p ${quote('/var/lib/provisioning/caddy')}`,
        `sha256sum < ${candidate} > ${stamp}`,
      ].join(' && '),
      unless: `test "$(sha256sum < ${candidate})" = "$(cat ${stamp} 2>/dev/null)" && cmp -s ${candidate} ${quote(LIVE_CADDYFILE)}`,
      after: [ids.candidate, ids.service],
    }),
  ],
  remove: () => [
    pkg({ id: ids.package, names: ['caddy'], state: 'absent' }),
    absent({ id: 'absent:caddy-candidate', path: CANDIDATE_CADDYFILE, after: [ids.package] }),
    absent({ id: 'absent:caddy-reload-stamp', path: RELOADED_STAMP }),
  ],
  outputs: { version: { command: "caddy version | cut -d' ' -f1" } },
});

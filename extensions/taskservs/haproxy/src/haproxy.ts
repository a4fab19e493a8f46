import { absent, defineTaskserv, file, pkg, quote, service, shell } from '@provisioning/sdk';
import { haproxyCfg } from './haproxy-cfg';
import { haproxyParams } from './params';

export const LIVE_CONFIG = '/etc/haproxy/haproxy.cfg';
/** What the next reload will use: written here, checked with `haproxy -c`, only then copied over the live file. */
export const CANDIDATE_CONFIG = '/etc/haproxy/haproxy.cfg.provisioning';
/** sha256 of the config as of the last successful reload. */
export const RELOADED_STAMP = '/var/lib/provisioning/haproxy/config.sha256';

export const HAPROXY_OPERATION_IDS = {
  package: 'package:haproxy',
  candidate: 'file:haproxy-candidate',
  service: 'service:haproxy',
  reload: 'shell:haproxy-validate-reload',
} as const;
const ids = HAPROXY_OPERATION_IDS;

const candidate = quote(CANDIDATE_CONFIG);
const stamp = quote(RELOADED_STAMP);

/**
 * haproxy from the distribution with its whole config generated from frontends and backends. A new
 * config is written beside the live one and must pass `haproxy -c` before it replaces it and haproxy
 * reloads (seamlessly: systemd's reload starts new workers, the old ones finish their connections).
 * A config that fails the check fails the apply and leaves the live file and the running haproxy alone.
 */
export const haproxy = defineTaskserv({
  name: 'haproxy',
  version: '0.1.0',
  description:
    'HAProxy from the distribution: frontends and backends as data, health checks, every config validated with haproxy -c before it replaces the running one.',
  params: haproxyParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['haproxy'] }),
    file({
      id: ids.candidate,
      path: CANDIDATE_CONFIG,
      content: haproxyCfg(params),
      mode: '0640',
      owner: 'root',
      group: 'haproxy',
      after: [ids.package],
    }),
    // Before the reload: a shell operation that may change makes everything after it "known after apply".
    service({ id: ids.service, name: 'haproxy', enabled: true, state: 'started', after: [ids.package] }),
    shell({
      id: ids.reload,
      description: 'check the new haproxy config (haproxy -c), then install it and reload haproxy',
      command: [
        `haproxy -c -q -f ${candidate}`,
        `cp ${candidate} ${quote(`${LIVE_CONFIG}.new`)}`,
        `mv ${quote(`${LIVE_CONFIG}.new`)} ${quote(LIVE_CONFIG)}`,
        'systemctl reload-or-restart haproxy',
        `mkdir -p ${quote('/var/lib/provisioning/haproxy')}`,
        `sha256sum < ${candidate} > ${stamp}`,
      ].join(' && '),
      unless: `test "$(sha256sum < ${candidate})" = "$(cat ${stamp} 2>/dev/null)" && cmp -s ${candidate} ${quote(LIVE_CONFIG)}`,
      after: [ids.candidate, ids.service],
    }),
  ],
  // dpkg keeps haproxy.cfg (a conffile) on remove; the candidate and the stamp go.
  remove: () => [
    pkg({ id: ids.package, names: ['haproxy'], state: 'absent' }),
    absent({ id: 'absent:haproxy-candidate', path: CANDIDATE_CONFIG, after: [ids.package] }),
    absent({ id: 'absent:haproxy-reload-stamp', path: RELOADED_STAMP }),
  ],
  outputs: { version: { command: "haproxy -v | head -1 | cut -d' ' -f3" } },
});

import { createHash } from 'node:crypto';
import {
  absent,
  defineTaskserv,
  directory,
  file,
  pkg,
  quote,
  requireInfraView,
  service,
  shell,
} from '@provisioning/sdk';
import { prometheusParams } from './params';
import { prometheusConfig, prometheusDefaults } from './prometheus-config';
import { reloadWhenServing } from './reload-command';

export const LIVE_DIR = '/etc/prometheus';
/** What the next reload uses: written here and checked with `promtool check config` before it replaces the live files. */
export const CANDIDATE_DIR = '/etc/prometheus/provisioning';
/** Digest of the config and rules as of the last successful reload. */
export const RELOADED_STAMP = '/var/lib/provisioning/prometheus/config.sha256';

export const PROMETHEUS_OPERATION_IDS = {
  package: 'package:prometheus',
  defaults: 'file:prometheus-defaults',
  candidateDir: 'directory:prometheus-candidate',
  candidate: 'file:prometheus-candidate',
  rule: (name: string) => `file:prometheus-rules-${name}`,
  service: 'service:prometheus',
  reload: 'shell:prometheus-check-reload',
} as const;
const ids = PROMETHEUS_OPERATION_IDS;

const candidate = `${CANDIDATE_DIR}/prometheus.yml`;
const candidateRules = `${CANDIDATE_DIR}/rules`;
const live = `${LIVE_DIR}/prometheus.yml`;
const liveRules = `${LIVE_DIR}/rules`;

/**
 * Prometheus from the distribution. The scrape config is generated from the infra: every server
 * running node-exporter is a target of job `node`, so adding a server with node-exporter to the
 * infra changes the config. A new config and its rules are written beside the live ones, must pass
 * `promtool check config` (which checks the rules too), and only then replace them and reload
 * Prometheus; a config that fails leaves the running server and its files alone.
 */
export const prometheus = defineTaskserv({
  name: 'prometheus',
  version: '0.1.0',
  description:
    "Prometheus from the distribution: scrape targets from the infra's servers and the exporters placed on them, retention, rules files checked with promtool.",
  params: prometheusParams,
  install: ({ params, ...ctx }) => {
    const infra = requireInfraView(ctx, 'prometheus');
    const config = prometheusConfig(params, infra);
    const ruleNames = Object.keys(params.rules).sort();
    const digest = createHash('sha256')
      .update(JSON.stringify([config, ruleNames.map((name) => [name, params.rules[name]])]))
      .digest('hex');
    const keep = ruleNames.map((name) => `! -name ${quote(`${name}.yml`)}`).join(' ');
    return [
      pkg({ id: ids.package, names: ['prometheus'] }),
      file({
        id: ids.defaults,
        path: '/etc/default/prometheus',
        content: prometheusDefaults(params),
        mode: '0644',
        after: [ids.package],
      }),
      directory({ id: ids.candidateDir, path: candidateRules, mode: '0755', after: [ids.package] }),
      file({ id: ids.candidate, path: candidate, content: config, mode: '0644', after: [ids.candidateDir] }),
      ...ruleNames.map((name) =>
        file({
          id: ids.rule(name),
          path: `${candidateRules}/${name}.yml`,
          content: params.rules[name].endsWith('\n') ? params.rules[name] : `${params.rules[name]}\n`,
          mode: '0644',
          after: [ids.candidateDir],
        }),
      ),
      service({
        id: ids.service,
        name: 'prometheus',
        enabled: true,
        state: 'started',
        restartOn: [ids.defaults],
        after: [ids.package, ids.defaults],
      }),
      // Last: a shell operation that may change makes everything after it "known after apply".
      shell({
        id: ids.reload,
        description:
          'check the new Prometheus config and rules (promtool), then install them and reload Prometheus',
        command: [
          `find ${quote(candidateRules)} -type f ${keep} -delete`,
          `promtool check config ${quote(candidate)} >/dev/null`,
          `rm -rf ${quote(`${liveRules}.new`)}`,
          `cp -a ${quote(candidateRules)} ${quote(`${liveRules}.new`)}`,
          `cp ${quote(candidate)} ${quote(`${live}.new`)}`,
          `rm -rf ${quote(liveRules)}`,
          `mv ${quote(`${liveRules}.new`)} ${quote(liveRules)}`,
          `mv ${quote(`${live}.new`)} ${quote(live)}`,
          reloadWhenServing(params.listen_address),
          `mkdir -p ${quote('/var/lib/provisioning/prometheus')}`,
          `echo ${digest} > ${quote(RELOADED_STAMP)}`,
        ].join(' && '),
        unless: `test "$(cat ${quote(RELOADED_STAMP)} 2>/dev/null)" = ${digest} && cmp -s ${quote(candidate)} ${quote(live)} && diff -r ${quote(candidateRules)} ${quote(liveRules)} >/dev/null`,
        after: [ids.candidate, ids.service],
      }),
    ];
  },
  // dpkg keeps its conffiles (prometheus.yml, /etc/default/prometheus) and the samples in
  // /var/lib/prometheus on remove; what this task service added goes.
  remove: () => [
    pkg({ id: ids.package, names: ['prometheus'], state: 'absent' }),
    absent({ id: 'absent:prometheus-candidate', path: CANDIDATE_DIR, recursive: true, after: [ids.package] }),
    absent({ id: 'absent:prometheus-rules', path: liveRules, recursive: true, after: [ids.package] }),
    absent({ id: 'absent:prometheus-reload-stamp', path: RELOADED_STAMP }),
  ],
  outputs: { version: { command: "prometheus --version 2>&1 | head -1 | cut -d' ' -f3" } },
});

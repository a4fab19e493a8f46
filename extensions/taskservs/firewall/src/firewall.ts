import { absent, defineTaskserv, DefinitionError, file, pkg, quote, service, shell } from '@provisioning/sdk';
import type { HostFacts } from '@provisioning/sdk';
import { cidrContains } from './addresses';
import type { FirewallParams } from './params';
import { firewallParams } from './params';
import { MANAGED_MARK, nftablesConf, TABLE } from './ruleset';

export const LIVE_CONF = '/etc/nftables.conf';
export const CANDIDATE_CONF = '/etc/nftables.conf.provisioning';
export const LOADED_STAMP = '/var/lib/provisioning/firewall/ruleset.sha256';

export const FIREWALL_OPERATION_IDS = {
  package: 'package:nftables',
  candidate: 'file:firewall-candidate',
  service: 'service:nftables',
  load: 'shell:firewall-check-load',
} as const;
const ids = FIREWALL_OPERATION_IDS;

/**
 * The SSH port to keep open, and the refusal of anything that would cut off the connection this
 * run uses: a different `ssh_port`, or `ssh_sources` that leave out the address it comes from.
 */
export function sshRule(params: FirewallParams, host: HostFacts): { port: number; sources: string[] } {
  const refuse = (problem: string, next: string) => {
    throw new DefinitionError(`taskserv firewall on ${host.hostname}: refused, ${problem}`, [next]);
  };
  const port = host.ssh?.serverPort ?? params.ssh_port;
  if (port === undefined) {
    refuse(
      'this run does not reach the host over SSH, so the SSH port to keep open is unknown',
      'set params.ssh_port to the port sshd listens on',
    );
  } else if (params.ssh_port !== undefined && params.ssh_port !== port) {
    refuse(
      `ssh_port ${params.ssh_port} would close port ${port}, which this run connects through`,
      `move sshd to ${params.ssh_port} first (and the server's port in the infra), or remove ssh_port`,
    );
  }
  const client = host.ssh?.clientAddress;
  if (
    params.ssh_sources.length &&
    client &&
    !params.ssh_sources.some((source) => cidrContains(source, client))
  ) {
    refuse(
      `ssh_sources (${params.ssh_sources.join(', ')}) leave out ${client}, the address this run connects from`,
      `add ${client} (or its network) to ssh_sources`,
    );
  }
  return { port: port as number, sources: params.ssh_sources };
}

const candidate = quote(CANDIDATE_CONF);
const stamp = quote(LOADED_STAMP);

/**
 * An nftables input filter: default drop, established connections and loopback accepted, the SSH
 * port always open, then the ports of `allow`. A new ruleset is written beside the live file,
 * checked with `nft -c`, and only then installed and loaded (one atomic transaction).
 */
export const firewall = defineTaskserv({
  name: 'firewall',
  version: '0.1.0',
  description:
    'nftables firewall: allowed ports as data, default-drop input; the SSH port the engine uses is always open, and a change that would close it is refused at plan.',
  params: firewallParams,
  install: ({ params, host }) => {
    const ssh = sshRule(params, host);
    const conf = nftablesConf({
      inputPolicy: params.input_policy,
      allowIcmp: params.allow_icmp,
      sshPort: ssh.port,
      sshSources: ssh.sources,
      allow: params.allow,
    });
    return [
      pkg({ id: ids.package, names: ['nftables'] }),
      file({ id: ids.candidate, path: CANDIDATE_CONF, content: conf, mode: '0644', after: [ids.package] }),
      // Enabled so the ruleset loads at boot; never started here, which would load the package's
      // default file (it flushes every table) before ours is in place.
      service({ id: ids.service, name: 'nftables', enabled: true, after: [ids.package] }),
      shell({
        id: ids.load,
        description: 'check the new ruleset (nft -c), then install and load it',
        command: [
          `nft -c -f ${candidate}`,
          `cp ${candidate} ${quote(`${LIVE_CONF}.new`)}`,
          `mv ${quote(`${LIVE_CONF}.new`)} ${quote(LIVE_CONF)}`,
          `nft -f ${quote(LIVE_CONF)}`,
          `mkdir -p ${quote('/var/lib/provisioning/firewall')}`,
          `sha256sum < ${candidate} > ${stamp}`,
        ].join(' && '),
        unless: `test "$(sha256sum < ${candidate})" = "$(cat ${stamp} 2>/dev/null)" && cmp -s ${candidate} ${quote(LIVE_CONF)} && nft list table ${TABLE} >/dev/null 2>&1`,
        after: [ids.candidate, ids.service],
      }),
    ];
  },
  // The package stays (Debian installs nftables by default); the table goes, and nothing loads at boot.
  remove: () => [
    shell({
      id: 'shell:firewall-delete-table',
      description: `delete the nftables table ${TABLE}`,
      command: `nft delete table ${TABLE}`,
      onlyIf: `nft list table ${TABLE} >/dev/null 2>&1`,
    }),
    shell({
      id: 'shell:firewall-disable',
      description: 'stop loading the ruleset at boot',
      command: 'systemctl disable nftables',
      onlyIf: 'systemctl is-enabled --quiet nftables 2>/dev/null',
    }),
    shell({
      id: 'shell:firewall-empty-live',
      description: `empty ${LIVE_CONF} (it holds this task service's ruleset)`,
      command: `printf '%s\\n' '#!/usr/sbin/nft -f' '# The firewall task service was removed.' > ${quote(LIVE_CONF)}`,
      onlyIf: `grep -q ${quote(MANAGED_MARK)} ${quote(LIVE_CONF)}`,
    }),
    absent({ id: 'absent:firewall-candidate', path: CANDIDATE_CONF }),
    absent({ id: 'absent:firewall-stamp', path: LOADED_STAMP }),
  ],
});

import { isIpv6 } from './addresses';
import type { AllowRule } from './params';

export const TABLE = 'inet provisioning';
export const MANAGED_MARK = 'Managed by provisioning (taskserv firewall)';

export interface Ruleset {
  inputPolicy: 'drop' | 'accept';
  allowIcmp: boolean;
  sshPort: number;
  sshSources: string[];
  allow: AllowRule[];
}

/** One rule per address family with sources (nft sets do not mix IPv4 and IPv6), or one for any source. */
function acceptLines(match: string, sources: string[], comment: string | undefined): string[] {
  const suffix = `accept${comment ? ` comment "${comment}"` : ''}`;
  if (sources.length === 0) return [`${match} ${suffix}`];
  const v4 = sources.filter((source) => !isIpv6(source));
  const v6 = sources.filter(isIpv6);
  return [
    ...(v4.length ? [`${match} ip saddr { ${v4.join(', ')} } ${suffix}`] : []),
    ...(v6.length ? [`${match} ip6 saddr { ${v6.join(', ')} } ${suffix}`] : []),
  ];
}

/**
 * The whole /etc/nftables.conf: it replaces only its own table, atomically (nft -f is one
 * transaction), so tables of other software (docker, kube-proxy) are left alone, and established
 * connections (this run's own) survive every change.
 */
export function nftablesConf(ruleset: Ruleset): string {
  const rules = [
    'ct state established,related accept',
    'ct state invalid drop',
    'iifname "lo" accept',
    ...(ruleset.allowIcmp ? ['meta l4proto { 1, 58 } accept comment "icmp, icmpv6"'] : []),
    ...acceptLines(`tcp dport ${ruleset.sshPort}`, ruleset.sshSources, 'ssh (always open to the engine)'),
    ...ruleset.allow.flatMap((rule) =>
      acceptLines(`${rule.protocol} dport ${rule.port}`, rule.sources, rule.comment),
    ),
  ];
  return [
    '#!/usr/sbin/nft -f',
    `# ${MANAGED_MARK}; changes here are overwritten on the next apply.`,
    `table ${TABLE}`,
    `delete table ${TABLE}`,
    `table ${TABLE} {`,
    '\tchain input {',
    `\t\ttype filter hook input priority filter; policy ${ruleset.inputPolicy};`,
    ...rules.map((rule) => `\t\t${rule}`),
    '\t}',
    '}',
    '',
  ].join('\n');
}

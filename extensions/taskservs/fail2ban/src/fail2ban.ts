import { absent, defineTaskserv, file, pkg, service } from '@provisioning/sdk';
import type { HostFacts } from '@provisioning/sdk';
import type { Fail2banParams, JailParams } from './params';
import { fail2banParams } from './params';

export const JAIL_LOCAL = '/etc/fail2ban/jail.d/zz-provisioning.local';

export const FAIL2BAN_OPERATION_IDS = {
  package: 'package:fail2ban',
  jails: 'file:fail2ban-jails',
  service: 'service:fail2ban',
} as const;
const ids = FAIL2BAN_OPERATION_IDS;

function jailSection(jail: JailParams, host: HostFacts): string[] {
  // jail.conf's sshd jail bans port "ssh" (22); sshd may listen elsewhere, and this run knows where.
  const port = jail.port ?? (jail.name === 'sshd' && host.ssh ? String(host.ssh.serverPort) : undefined);
  return [
    '',
    `[${jail.name}]`,
    'enabled = true',
    ...(jail.filter ? [`filter = ${jail.filter}`] : []),
    ...(port ? [`port = ${port}`] : []),
    // A log file needs the file backend; everything else reads the journal.
    ...(jail.logpath ? ['backend = auto', `logpath = ${jail.logpath}`] : []),
    ...(jail.maxretry ? [`maxretry = ${jail.maxretry}`] : []),
    ...(jail.bantime ? [`bantime = ${jail.bantime}`] : []),
  ];
}

/**
 * Read last (zz-, .local), so it overrides jail.conf and Debian's defaults-debian.conf. The
 * journal backend, because Debian 12 writes no /var/log/auth.log without rsyslog; bans go
 * through nftables (iptables is not installed by default).
 */
export function jailLocal(params: Fail2banParams, host: HostFacts): string {
  const ignore = [
    '127.0.0.1/8',
    '::1',
    ...params.ignoreip,
    ...(params.ignore_engine && host.ssh ? [host.ssh.clientAddress] : []),
  ];
  return [
    '# Managed by provisioning (taskserv fail2ban); changes here are overwritten on the next apply.',
    '[DEFAULT]',
    'backend = systemd',
    'banaction = nftables-multiport',
    'banaction_allports = nftables-allports',
    `bantime = ${params.bantime}`,
    `findtime = ${params.findtime}`,
    `maxretry = ${params.maxretry}`,
    `ignoreip = ${[...new Set(ignore)].join(' ')}`,
    ...params.jails.flatMap((jail) => jailSection(jail, host)),
    '',
  ].join('\n');
}

export const fail2ban = defineTaskserv({
  name: 'fail2ban',
  version: '0.1.0',
  description:
    "fail2ban from the distribution: jails as data reading the systemd journal, bans through nftables, the engine's own address never banned.",
  params: fail2banParams,
  install: ({ params, host }) => [
    // python3-systemd reads the journal; nftables carries out the bans; netbase's /etc/services
    // resolves the service names of ports (a ban on "ssh" fails without it, as on a minimal Debian).
    pkg({ id: ids.package, names: ['fail2ban', 'python3-systemd', 'nftables', 'netbase'] }),
    file({
      id: ids.jails,
      path: JAIL_LOCAL,
      content: jailLocal(params, host),
      mode: '0644',
      after: [ids.package],
    }),
    service({
      id: ids.service,
      name: 'fail2ban',
      enabled: true,
      state: 'started',
      restartOn: [ids.jails],
      after: [ids.package, ids.jails],
    }),
  ],
  // nftables stays: the firewall task service or the system may use it.
  remove: () => [
    pkg({ id: ids.package, names: ['fail2ban', 'python3-systemd'], state: 'absent' }),
    absent({ id: 'absent:fail2ban-jails', path: JAIL_LOCAL, after: [ids.package] }),
  ],
});

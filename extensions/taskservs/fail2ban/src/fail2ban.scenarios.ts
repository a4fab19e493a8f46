import type { TaskservScenario } from '@provisioning/sdk';

const common = { ignoreip: ['192.0.2.0/24'], jails: [{ name: 'sshd' }] };

export const fail2banScenarios: readonly TaskservScenario[] = [
  {
    name: 'fail2ban: the sshd jail on the journal, the engine never banned, then maxretry lowered',
    taskserv: 'fail2ban',
    description: 'Lowering maxretry rewrites the jail file and restarts fail2ban once.',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'the sshd jail runs',
        command: 'fail2ban-client status sshd',
        expect: '_SYSTEMD_UNIT=sshd.service + _COMM=sshd',
      },
      { description: 'maxretry applies', command: 'fail2ban-client get sshd maxretry', expect: '5' },
      {
        description: 'the engine’s address (the SSH client address the host sees) is never banned',
        command:
          'set -- $SSH_CONNECTION; [ -n "$1" ] && fail2ban-client get sshd ignoreip | awk -v ip="$1" \'$NF == ip { found = 1 } END { exit !found }\' && echo engine-address-ignored',
        expect: 'engine-address-ignored',
      },
      {
        description: 'configured networks are never banned',
        command: 'fail2ban-client get sshd ignoreip',
        expect: '192.0.2.0/24',
      },
      {
        description: 'bans go through nftables',
        command: 'fail2ban-client get sshd actions',
        expect: 'nftables-multiport',
      },
      {
        description: 'a ban becomes an nftables rule',
        command: 'fail2ban-client set sshd banip 203.0.113.7 >/dev/null && nft list ruleset',
        expect: '203.0.113.7',
      },
    ],
    change: { params: { ...common, maxretry: 3 }, changes: ['file:fail2ban-jails', 'service:fail2ban'] },
    removed: [
      {
        description: 'fail2ban is removed',
        command: 'test ! -e /usr/bin/fail2ban-server && echo gone',
        expect: 'gone',
      },
      {
        description: 'the jail file is gone',
        command: 'test ! -e /etc/fail2ban/jail.d/zz-provisioning.local && echo gone',
        expect: 'gone',
      },
    ],
  },
];

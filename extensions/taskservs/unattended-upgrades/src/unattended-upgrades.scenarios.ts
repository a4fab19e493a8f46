import type { TaskservScenario } from '@provisioning/sdk';

const common = { package_blocklist: ['linux-', 'postgresql-15'] };
const dump = (key: string) => `apt-config dump ${key}`;

export const unattendedUpgradesScenarios: readonly TaskservScenario[] = [
  {
    name: 'unattended-upgrades: security origins only, a blocklist, the apt timers on, then automatic reboot allowed',
    taskserv: 'unattended-upgrades',
    description:
      'Allowing automatic reboots rewrites the policy file only; unattended-upgrade itself reads the result.',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'unattended-upgrade reads the origins',
        command: 'unattended-upgrade --dry-run --debug 2>&1 | grep "Allowed origins"',
        expect:
          'Allowed origins are: origin=Debian,codename=bookworm,label=Debian-Security, origin=Debian,codename=bookworm-security,label=Debian-Security',
      },
      {
        description: "the package's own origins are cleared",
        command: `${dump('Unattended-Upgrade::Origins-Pattern')} | grep -c 'Origins-Pattern:: '`,
        expect: '2',
      },
      {
        description: 'and the blocklist',
        command: 'unattended-upgrade --dry-run --debug 2>&1 | grep "Initial blacklist"',
        expect: 'Initial blacklist: linux- postgresql-15',
      },
      {
        description: 'upgrades are scheduled daily',
        command: dump('APT::Periodic::Unattended-Upgrade'),
        expect: 'APT::Periodic::Unattended-Upgrade "1";',
      },
      {
        description: 'apt’s upgrade timer runs',
        command: 'systemctl is-active apt-daily-upgrade.timer',
        expect: 'active',
      },
    ],
    change: { params: { ...common, automatic_reboot: true }, changes: ['file:unattended-upgrades-policy'] },
    removed: [
      {
        description: 'the package is removed',
        command: 'test ! -e /usr/bin/unattended-upgrade && echo gone',
        expect: 'gone',
      },
      {
        description: 'the policy is gone',
        command: 'test ! -e /etc/apt/apt.conf.d/52provisioning-unattended-upgrades && echo gone',
        expect: 'gone',
      },
    ],
  },
];

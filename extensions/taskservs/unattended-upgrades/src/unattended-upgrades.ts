import { absent, defineTaskserv, file, pkg, service } from '@provisioning/sdk';
import type { UnattendedUpgradesParams } from './params';
import { unattendedUpgradesParams } from './params';

export const PERIODIC_CONF = '/etc/apt/apt.conf.d/20auto-upgrades';
export const POLICY_CONF = '/etc/apt/apt.conf.d/52provisioning-unattended-upgrades';

export const UNATTENDED_UPGRADES_OPERATION_IDS = {
  package: 'package:unattended-upgrades',
  periodic: 'file:unattended-upgrades-periodic',
  policy: 'file:unattended-upgrades-policy',
  updateTimer: 'service:apt-daily.timer',
  upgradeTimer: 'service:apt-daily-upgrade.timer',
} as const;
const ids = UNATTENDED_UPGRADES_OPERATION_IDS;
const HEADER =
  '// Managed by provisioning (taskserv unattended-upgrades); changes here are overwritten on the next apply.';

export function periodicConf(params: UnattendedUpgradesParams): string {
  return [
    HEADER,
    `APT::Periodic::Update-Package-Lists "${params.update_days}";`,
    `APT::Periodic::Unattended-Upgrade "${params.update_days}";`,
    'APT::Periodic::AutocleanInterval "7";',
    '',
  ].join('\n');
}

/**
 * Read after the package's 50unattended-upgrades. apt.conf appends to lists, so `#clear` empties
 * the package's origins and blocklist first: these are the only ones in effect.
 */
export function policyConf(params: UnattendedUpgradesParams): string {
  const list = (name: string, items: string[]) => [
    `#clear Unattended-Upgrade::${name};`,
    `Unattended-Upgrade::${name} {`,
    ...items.map((item) => `    "${item}";`),
    '};',
  ];
  return [
    HEADER,
    ...list('Origins-Pattern', params.origins),
    ...list('Package-Blacklist', params.package_blocklist),
    `Unattended-Upgrade::Automatic-Reboot "${params.automatic_reboot}";`,
    `Unattended-Upgrade::Automatic-Reboot-Time "${params.automatic_reboot_time}";`,
    `Unattended-Upgrade::Remove-Unused-Dependencies "${params.remove_unused_dependencies}";`,
    ...(params.mail
      ? [`Unattended-Upgrade::Mail "${params.mail}";`, 'Unattended-Upgrade::MailReport "on-change";']
      : []),
    '',
  ].join('\n');
}

/** unattended-upgrades with its policy from params, run by apt's own daily timers (enabled here). */
export const unattendedUpgrades = defineTaskserv({
  name: 'unattended-upgrades',
  version: '0.1.0',
  description:
    'Unattended security upgrades from the distribution: origins, package blocklist, automatic reboot window, the apt timers that run them.',
  params: unattendedUpgradesParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['unattended-upgrades'] }),
    file({
      id: ids.periodic,
      path: PERIODIC_CONF,
      content: periodicConf(params),
      mode: '0644',
      after: [ids.package],
    }),
    file({
      id: ids.policy,
      path: POLICY_CONF,
      content: policyConf(params),
      mode: '0644',
      after: [ids.package],
    }),
    service({ id: ids.updateTimer, name: 'apt-daily.timer', enabled: true, state: 'started' }),
    service({ id: ids.upgradeTimer, name: 'apt-daily-upgrade.timer', enabled: true, state: 'started' }),
  ],
  // apt's timers stay (Debian enables them); without the package they only refresh lists.
  remove: () => [
    pkg({ id: ids.package, names: ['unattended-upgrades'], state: 'absent' }),
    absent({ id: 'absent:unattended-upgrades-periodic', path: PERIODIC_CONF, after: [ids.package] }),
    absent({ id: 'absent:unattended-upgrades-policy', path: POLICY_CONF, after: [ids.package] }),
  ],
});

import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { unattendedUpgrades, UNATTENDED_UPGRADES_OPERATION_IDS as ids } from './unattended-upgrades';

const policy = (params: object) =>
  operationById(resolveOperations(unattendedUpgrades, params), ids.policy, 'file')
    .content?.split('\n')
    .slice(1, -1);

describe('unattended-upgrades install', () => {
  it('installs the package, writes the schedule and the policy, and turns on apt’s timers', () => {
    const operations = resolveOperations(unattendedUpgrades, {});
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.periodic,
      ids.policy,
      ids.updateTimer,
      ids.upgradeTimer,
    ]);
    expect(operationById(operations, ids.upgradeTimer, 'service')).toMatchObject({
      name: 'apt-daily-upgrade.timer',
      enabled: true,
      state: 'started',
    });
    expect(operationById(operations, ids.periodic, 'file').content).toContain(
      'APT::Periodic::Unattended-Upgrade "1";',
    );
  });

  it("clears the package's lists before its own, security origins only by default", () => {
    expect(policy({ package_blocklist: ['linux-'], mail: 'ops@example.com' })).toEqual([
      '#clear Unattended-Upgrade::Origins-Pattern;',
      'Unattended-Upgrade::Origins-Pattern {',
      '    "origin=Debian,codename=${distro_codename},label=Debian-Security";',
      '    "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";',
      '};',
      '#clear Unattended-Upgrade::Package-Blacklist;',
      'Unattended-Upgrade::Package-Blacklist {',
      '    "linux-";',
      '};',
      'Unattended-Upgrade::Automatic-Reboot "false";',
      'Unattended-Upgrade::Automatic-Reboot-Time "02:00";',
      'Unattended-Upgrade::Remove-Unused-Dependencies "false";',
      'Unattended-Upgrade::Mail "ops@example.com";',
      'Unattended-Upgrade::MailReport "on-change";',
    ]);
  });
});

describe('unattended-upgrades params', () => {
  it.each([
    ['origins.0', { origins: ['origin=Debian";};'] }],
    ['origins', { origins: [] }],
    ['package_blocklist.0', { package_blocklist: ['a"b'] }],
    ['automatic_reboot_time', { automatic_reboot_time: '25:00' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(unattendedUpgrades, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(unattendedUpgrades, params)).toThrow(
      new RegExp(field.replace(/\./g, '\\.')),
    );
  });

  it('allowing reboots changes only the policy', () => {
    expect(
      changedOperationIds(
        resolveOperations(unattendedUpgrades, {}),
        resolveOperations(unattendedUpgrades, { automatic_reboot: true }),
      ),
    ).toEqual([ids.policy]);
  });

  it('every after names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(unattendedUpgrades, {}, { action }))).toEqual([]);
  });
});

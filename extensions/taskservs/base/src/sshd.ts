import { absent, command, file, quote, shell } from '@provisioning/sdk';
import type { HostFacts, Operation } from '@provisioning/sdk';
import type { BaseParams } from './params';

/** Sorts before other drop-ins (cloud-init writes 50-cloud-init.conf): sshd keeps the first value it reads. */
export const SSHD_DROP_IN = '/etc/ssh/sshd_config.d/10-provisioning-base.conf';
/** Copy of the drop-in's sha256 as of the last successful reload: the reload runs only when they differ. */
export const SSHD_RELOADED_STAMP = '/var/lib/provisioning/base/sshd-drop-in.sha256';
export const SSHD_DROP_IN_ID = 'file:sshd-drop-in';
export const SSHD_RELOAD_ID = 'shell:reload-sshd';

const sshUnit = (host: HostFacts) => (host.osFamily === 'debian' ? 'ssh' : 'sshd');
const validateThenReload = (host: HostFacts) =>
  `/usr/sbin/sshd -t && ${command('systemctl', 'reload', sshUnit(host))}`;

export function sshdDropIn(params: BaseParams): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    '# Managed by provisioning (taskserv base); changes here are overwritten on the next apply.',
    `PasswordAuthentication ${yesNo(params.sshd_password_authentication)}`,
    `KbdInteractiveAuthentication ${yesNo(params.sshd_password_authentication)}`,
    'PermitEmptyPasswords no',
    `PermitRootLogin ${params.sshd_permit_root_login}`,
    '',
  ].join('\n');
}

/**
 * The drop-in, then a reload that runs only when the drop-in differs from the one last reloaded
 * (`sshd -t` first, so a bad config never reaches the running daemon and the stamp stays stale,
 * which retries the reload on the next apply).
 */
export function sshdHardening(params: BaseParams, host: HostFacts): Operation[] {
  const stamp = quote(SSHD_RELOADED_STAMP);
  if (!params.sshd_hardening) return sshdHardeningRemoval(host);
  return [
    file({
      id: SSHD_DROP_IN_ID,
      path: SSHD_DROP_IN,
      content: sshdDropIn(params),
      mode: '0644',
      owner: 'root',
      group: 'root',
    }),
    shell({
      id: SSHD_RELOAD_ID,
      description: `validate sshd config and reload ${sshUnit(host)} (drop-in changed)`,
      command: `${validateThenReload(host)} && mkdir -p ${quote('/var/lib/provisioning/base')} && sha256sum ${quote(SSHD_DROP_IN)} > ${stamp}`,
      unless: `sha256sum --check --status ${stamp}`,
      after: [SSHD_DROP_IN_ID],
    }),
  ];
}

/** Drop-in gone, and ssh reloaded once if provisioning had reloaded it with the drop-in before. */
export function sshdHardeningRemoval(host: HostFacts): Operation[] {
  const absentId = 'absent:sshd-drop-in';
  return [
    absent({ id: absentId, path: SSHD_DROP_IN }),
    shell({
      id: SSHD_RELOAD_ID,
      description: `validate sshd config and reload ${sshUnit(host)} (drop-in removed)`,
      command: `${validateThenReload(host)} && rm -f ${quote(SSHD_RELOADED_STAMP)}`,
      onlyIf: `test -f ${quote(SSHD_RELOADED_STAMP)}`,
      after: [absentId],
    }),
  ];
}

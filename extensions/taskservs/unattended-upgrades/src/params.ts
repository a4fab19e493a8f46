import { z } from 'zod';

const ORIGIN = /^[A-Za-z0-9=,:${}_.~+ -]+$/;
const PACKAGE_PATTERN = /^[A-Za-z0-9.+^$*\\[\]-]+$/;

/** Debian's security archive, as the package's own 50unattended-upgrades names it. */
export const SECURITY_ORIGINS = [
  'origin=Debian,codename=${distro_codename},label=Debian-Security',
  'origin=Debian,codename=${distro_codename}-security,label=Debian-Security',
];

export const unattendedUpgradesParams = z.strictObject({
  origins: z
    .array(
      z
        .string()
        .regex(
          ORIGIN,
          'must be an origin pattern such as origin=Debian,codename=${distro_codename},label=Debian-Security',
        ),
    )
    .min(1)
    .default(SECURITY_ORIGINS)
    .describe(
      'Origins-Pattern: which archives upgrade unattended (${distro_codename} is filled in by unattended-upgrades). Default: security updates only.',
    ),
  package_blocklist: z
    .array(z.string().regex(PACKAGE_PATTERN, 'must be a package name or a regular expression over names'))
    .default([])
    .describe('Packages never upgraded unattended (names or regular expressions).'),
  automatic_reboot: z
    .boolean()
    .default(false)
    .describe('Reboot when an upgrade needs it (/var/run/reboot-required).'),
  automatic_reboot_time: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time such as 02:00')
    .default('02:00')
    .describe('When that reboot happens.'),
  remove_unused_dependencies: z
    .boolean()
    .default(false)
    .describe('Remove packages no longer needed after an upgrade.'),
  mail: z
    .string()
    .regex(/^[A-Za-z0-9._%+@-]+$/, 'must be an address or a local user')
    .optional()
    .describe('Send reports here (needs a working mailer).'),
  update_days: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('Refresh package lists and upgrade every this many days.'),
});

export type UnattendedUpgradesParams = z.output<typeof unattendedUpgradesParams>;

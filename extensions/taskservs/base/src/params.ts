import { z } from 'zod';

/** Patterns only (no length keywords): the manifest's params JSON Schema allows a small keyword set. */
const HOSTNAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const TIMEZONE = /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/;
const ACCOUNT = /^[a-z_][a-z0-9_-]{0,31}$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;
const ABSOLUTE_PATH = /^\/\S*$/;
const PUBLIC_KEY =
  /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

export const userSchema = z.strictObject({
  name: z.string().regex(ACCOUNT, 'must be a lowercase user name such as "deploy"').describe('Login name.'),
  groups: z
    .array(z.string().regex(ACCOUNT, 'must be a lowercase group name'))
    .default([])
    .describe('Supplementary groups (created when missing); the user is never removed from other groups.'),
  shell: z
    .string()
    .regex(ABSOLUTE_PATH, 'must be an absolute path such as /bin/bash')
    .default('/bin/bash')
    .describe('Login shell.'),
  home: z
    .string()
    .regex(ABSOLUTE_PATH, 'must be an absolute path')
    .optional()
    .describe(
      'Home directory; unset means /home/<name> (/root for root) and an existing home is never moved.',
    ),
  authorized_keys: z
    .array(
      z.string().regex(PUBLIC_KEY, 'must be one OpenSSH public key line: type, base64 key, optional comment'),
    )
    .default([])
    .describe(
      'Public keys written to ~/.ssh/authorized_keys (the whole file is managed when this list is not empty).',
    ),
});

export const baseParams = z.strictObject({
  hostname: z
    .string()
    .regex(HOSTNAME, 'must be a host name: letters, digits and dashes, dot-separated labels')
    .optional()
    .describe(
      'Host name to set (/etc/hostname, the running name and the 127.0.1.1 line of /etc/hosts); unset leaves it alone.',
    ),
  timezone: z
    .string()
    .regex(TIMEZONE, 'must be an IANA time zone such as Europe/Berlin or UTC')
    .optional()
    .describe('IANA time zone (/etc/localtime and /etc/timezone); unset leaves it alone.'),
  packages: z
    .array(z.string().regex(PACKAGE, 'must be a Debian package name'))
    .default(['ca-certificates', 'curl', 'sudo'])
    .describe('Packages every host gets.'),
  users: z
    .array(userSchema)
    .default([])
    .describe('Login users with their groups, shell and SSH public keys.'),
  sshd_hardening: z
    .boolean()
    .default(true)
    .describe(
      'Manage the sshd drop-in below; false removes it (and reloads ssh) so the distribution defaults apply again.',
    ),
  sshd_password_authentication: z
    .boolean()
    .default(false)
    .describe('Allow password (and keyboard-interactive) logins over SSH.'),
  sshd_permit_root_login: z
    .enum(['prohibit-password', 'no', 'yes'])
    .default('prohibit-password')
    .describe('sshd PermitRootLogin: prohibit-password lets root in with keys only.'),
});

export type BaseParams = z.output<typeof baseParams>;
export type BaseUser = z.output<typeof userSchema>;

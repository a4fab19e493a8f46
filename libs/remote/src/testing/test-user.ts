import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';

export interface TestUser {
  readonly name: string;
  readonly password: string;
}

/**
 * A non-root user with a password and sudo rights that require that password, for sudo and
 * password-auth tests. Needs root, useradd and sudo; returns undefined where that is not possible.
 * Idempotent: the same user is reused across test files and runs.
 */
export function ensureSudoTestUser(
  name = 'provremote',
  password = 'Prov-sudo-pw-3141',
): TestUser | undefined {
  if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/useradd') || !existsSync('/usr/bin/sudo'))
    return undefined;
  try {
    execFileSync('/usr/bin/id', ['-u', name], { stdio: 'ignore' });
  } catch {
    execFileSync('/usr/sbin/useradd', ['--create-home', '--shell', '/bin/sh', name]);
  }
  execFileSync('/usr/sbin/chpasswd', { input: `${name}:${password}\n` });
  // timestamp_timeout=0: every sudo asks again, so each test sees the prompt flow.
  writeFileSync(
    `/etc/sudoers.d/${name}`,
    `Defaults:${name} !lecture, timestamp_timeout=0\n${name} ALL=(ALL:ALL) ALL\n`,
    { mode: 0o440 },
  );
  return { name, password };
}

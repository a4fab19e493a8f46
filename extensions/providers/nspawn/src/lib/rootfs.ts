import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NspawnOptions } from './options';
import { run } from './run';
import { withStateLock } from './state-lock';

/** What debootstrap adds to a minimal Debian so a host boots, answers SSH and can run taskservs. */
export const ROOTFS_PACKAGES = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'openssh-server',
  'iproute2',
  'python3',
  'sudo',
  'curl',
  'ca-certificates',
];

/** Checks that a directory looks like a root filesystem nspawn can boot with sshd in it. */
export function assertBootable(rootfs: string): void {
  const missing = ['usr/lib/systemd/systemd', 'usr/sbin/sshd', 'etc/passwd'].filter(
    (path) => !existsSync(join(rootfs, path)),
  );
  if (missing.length > 0) {
    throw new Error(
      `${rootfs} cannot be booted as a host: it lacks ${missing.join(', ')}; point rootfs at a Debian root with systemd and openssh-server, or leave it unset to build one`,
    );
  }
}

/**
 * The read-only lower layer every host's overlay sits on: `options.rootfs` as given, or a Debian
 * `suite` bootstrapped once into `cache_dir/debian-<suite>/rootfs` (marked `complete` last, so a
 * build that stopped half-way is redone, never booted).
 */
export async function lowerRootfs(options: NspawnOptions, log: (line: string) => void): Promise<string> {
  if (options.rootfs) {
    assertBootable(options.rootfs);
    return options.rootfs;
  }
  const dir = join(options.cache_dir, `debian-${options.suite}`);
  const rootfs = join(dir, 'rootfs');
  if (existsSync(join(dir, 'complete'))) return rootfs;
  return withStateLock(options.cache_dir, async () => {
    if (existsSync(join(dir, 'complete'))) return rootfs;
    const partial = join(dir, 'rootfs.partial');
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(
      `building a Debian ${options.suite} root filesystem with debootstrap from ${options.mirror} (once; cached in ${dir})`,
    );
    await run(
      'debootstrap',
      ['--variant=minbase', `--include=${ROOTFS_PACKAGES.join(',')}`, options.suite, partial, options.mirror],
      { timeoutMs: 30 * 60_000 },
    );
    // each host generates its own host key; networkd configures host0 from the file the provider writes
    await run('bash', [
      '-c',
      'rm -f "$1"/etc/ssh/ssh_host_* "$1"/etc/machine-id && mkdir -p -m 700 "$1"/root/.ssh',
      'rootfs',
      partial,
    ]);
    const wants = join(partial, 'etc/systemd/system/multi-user.target.wants');
    mkdirSync(wants, { recursive: true });
    if (!existsSync(join(wants, 'systemd-networkd.service')))
      symlinkSync('/lib/systemd/system/systemd-networkd.service', join(wants, 'systemd-networkd.service'));
    rmSync(rootfs, { recursive: true, force: true });
    renameSync(partial, rootfs);
    writeFileSync(join(dir, 'complete'), `${new Date().toISOString()}\n`);
    return rootfs;
  });
}

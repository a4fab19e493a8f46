import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { cgroupDirsFor, createCgroups, killAllIn, removeCgroups } from './cgroups';
import { hostsFile, networkFile, passwdIds } from './host-files';
import { childPids, commandName, isRunning, processRef, signal, waitForExit } from './processes';
import { run } from './run';
import type { HostState } from './state';
import { REPO_MOUNT, SUDO_USER } from './base-image';

export interface HostPlan {
  readonly index: number;
  readonly name: string;
  readonly address: string;
  readonly dir: string;
}

export function isMountpoint(path: string): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === path);
}

/** Mounts the host's overlay on the base rootfs and writes what makes it a distinct machine. */
export async function prepareHost(
  plan: HostPlan,
  rootfs: string,
  clientPublicKey: string,
  peers: readonly { name: string; address: string }[],
  cgroupFs: string | undefined,
  record: (host: HostState) => void,
): Promise<HostState> {
  const upper = join(plan.dir, 'upper');
  const work = join(plan.dir, 'work');
  const merged = join(plan.dir, 'merged');
  for (const dir of [upper, work, merged]) mkdirSync(dir, { recursive: true });
  const host: HostState = {
    ...plan,
    mergedDir: merged,
    overlayMounted: false,
    cgroups: cgroupDirsFor(plan.name, cgroupFs),
    machineId: randomBytes(16).toString('hex'),
    hostKey: '',
  };
  record(host);
  await run('mount', [
    '-t',
    'overlay',
    'overlay',
    '-o',
    `lowerdir=${rootfs},upperdir=${upper},workdir=${work}`,
    merged,
  ]);
  host.overlayMounted = true;
  record(host);

  writeFileSync(join(merged, 'etc/hostname'), `${plan.name}\n`);
  writeFileSync(join(merged, 'etc/hosts'), hostsFile(plan.name, peers));
  writeFileSync(join(merged, 'etc/machine-id'), `${host.machineId}\n`);
  mkdirSync(join(merged, 'etc/systemd/network'), { recursive: true });
  writeFileSync(join(merged, 'etc/systemd/network/10-host0.network'), networkFile(plan.address));

  const hostKey = join(merged, 'etc/ssh/ssh_host_ed25519_key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `root@${plan.name}`, '-f', hostKey]);
  host.hostKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

  writeFileSync(join(merged, 'root/.ssh/authorized_keys'), clientPublicKey, { mode: 0o600 });
  const { uid, gid } = passwdIds(readFileSync(join(merged, 'etc/passwd'), 'utf8'), SUDO_USER);
  const userKeys = join(merged, 'home', SUDO_USER, '.ssh/authorized_keys');
  writeFileSync(userKeys, clientPublicKey, { mode: 0o600 });
  chownSync(userKeys, uid, gid);

  createCgroups(host.cgroups);
  record(host);
  return host;
}

// Moves itself into the host's cgroups (docs/testbed.md, pitfall P1), then runs nspawn, relaunching it on exit
// code 133, which is how nspawn reports a reboot requested inside the container (P2).
const LAUNCH_SCRIPT = `
root=$1 name=$2 bridge=$3 repo=$4; shift 4
for group in "$@"; do echo $$ > "$group/cgroup.procs"; done
while :; do
  systemd-nspawn --boot --directory="$root" --machine="$name" --register=no --keep-unit \\
    --network-bridge="$bridge" --bind-ro="$repo:${REPO_MOUNT}" --console=passive
  rc=$?
  [ $rc = 133 ] || exit $rc
done`;

export function launchHost(host: HostState, bridge: string, repoDir: string): void {
  const console = openSync(join(host.dir, 'console.log'), 'a');
  const child = spawn(
    'bash',
    ['-c', LAUNCH_SCRIPT, 'testbed-launch', host.mergedDir, host.name, bridge, repoDir, ...host.cgroups],
    {
      detached: true, // its own session: it outlives `up` and ignores the caller's terminal signals
      stdio: ['ignore', console, console],
    },
  );
  closeSync(console);
  if (child.pid === undefined) throw new Error(`could not start systemd-nspawn for ${host.name}`);
  child.unref();
  host.launcher = processRef(child.pid);
}

/** PID of the container's init (systemd), the target for nsenter; undefined when not running. */
export function containerInitPid(host: HostState): number | undefined {
  if (!host.launcher || !isRunning(host.launcher)) return undefined;
  const nspawn = childPids(host.launcher.pid).find((pid) => commandName(pid) === 'systemd-nspawn');
  return nspawn === undefined ? undefined : childPids(nspawn)[0];
}

/**
 * Stops the container (a clean poweroff first, SIGKILL after 20 s), then removes its cgroups,
 * overlay and directory. Returns what could not be removed; `warn` hears about forced kills.
 */
export async function stopHost(
  host: HostState,
  warn: (line: string) => void = () => undefined,
): Promise<string[]> {
  const problems: string[] = [];
  if (host.launcher && isRunning(host.launcher)) {
    // nspawn turns SIGTERM into a clean poweroff of the container; the loop then exits with it
    for (const pid of childPids(host.launcher.pid))
      if (commandName(pid) === 'systemd-nspawn') signal(pid, 'SIGTERM');
    if (!(await waitForExit(host.launcher, 20_000))) {
      signal(host.launcher.pid, 'SIGKILL');
      warn(`${host.name} did not power off within 20 s (a unit that refuses to stop?); killed it`);
    }
  }
  if (killAllIn(host.cgroups) > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  const leftCgroups = removeCgroups(host.cgroups);
  if (leftCgroups.length > 0) problems.push(`${host.name}: cgroups not removed: ${leftCgroups.join(', ')}`);
  if (host.overlayMounted && isMountpoint(host.mergedDir)) {
    try {
      await run('umount', [host.mergedDir]);
    } catch {
      await run('umount', ['--lazy', host.mergedDir]).catch((error: Error) =>
        problems.push(`${host.name}: ${error.message}`),
      );
    }
  }
  // nspawn leaves this behind when /run is not a tmpfs (docs/testbed.md, pitfall P5)
  rmSync(`/run/systemd/nspawn/propagate/${host.name}`, { recursive: true, force: true });
  if (!isMountpoint(host.mergedDir)) rmSync(host.dir, { recursive: true, force: true });
  else problems.push(`${host.name}: ${host.mergedDir} is still mounted; left ${host.dir} in place`);
  if (existsSync(host.dir) && problems.length === 0)
    problems.push(`${host.name}: could not remove ${host.dir}`);
  return problems;
}

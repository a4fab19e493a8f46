import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { cgroupDirsFor, createCgroups, killAllIn, removeCgroups } from './cgroups';
import { hostsFile, networkFile } from './host-files';
import { type MachineRecord, writeRecord } from './machine-record';
import { childPids, commandName, isRunning, processRef, signal, waitForExit } from './processes';
import { run } from './run';

export function isMountpoint(path: string): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === path);
}

/** Mounts the host's overlay on the lower rootfs and writes what makes it a distinct machine. */
export async function prepareMachine(record: MachineRecord, sshPublicKeys: readonly string[]): Promise<void> {
  const upper = join(record.dir, 'upper');
  const work = join(record.dir, 'work');
  for (const dir of [upper, work, record.mergedDir]) mkdirSync(dir, { recursive: true });
  record.cgroups = cgroupDirsFor(record.id);
  writeRecord(record);
  if (!record.overlayMounted) {
    await run('mount', [
      '-t',
      'overlay',
      'overlay',
      '-o',
      `lowerdir=${record.lowerDir},upperdir=${upper},workdir=${work}`,
      record.mergedDir,
    ]);
    record.overlayMounted = true;
    writeRecord(record);
  }
  const merged = record.mergedDir;
  writeFileSync(join(merged, 'etc/hostname'), `${record.name}\n`);
  writeFileSync(join(merged, 'etc/hosts'), hostsFile(record.name));
  writeFileSync(join(merged, 'etc/machine-id'), `${record.machineId}\n`);
  mkdirSync(join(merged, 'etc/systemd/network'), { recursive: true });
  writeFileSync(join(merged, 'etc/systemd/network/10-host0.network'), networkFile(record.address));

  // the one host key the tool records: no other key of the base image may answer
  const sshDir = join(merged, 'etc/ssh');
  for (const file of readdirSync(sshDir)) if (file.startsWith('ssh_host_')) rmSync(join(sshDir, file));
  const hostKey = join(sshDir, 'ssh_host_ed25519_key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `root@${record.name}`, '-f', hostKey]);
  record.hostKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

  mkdirSync(join(merged, 'root/.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(merged, 'root/.ssh/authorized_keys'),
    sshPublicKeys.map((key) => `${key.trim()}\n`).join(''),
    { mode: 0o600 },
  );
  createCgroups(record.cgroups);
  writeRecord(record);
}

// Moves itself into the host's cgroups, then runs nspawn, relaunching it on exit code 133, which
// is how nspawn reports a reboot requested inside the container.
const LAUNCH_SCRIPT = `
root=$1 name=$2 bridge=$3 binds=$4; shift 4
for group in "$@"; do echo $$ > "$group/cgroup.procs"; done
set --
for bind in $binds; do set -- "$@" "--bind-ro=$bind"; done
while :; do
  systemd-nspawn --boot --directory="$root" --machine="$name" --register=no --keep-unit \\
    --network-bridge="$bridge" --console=passive "$@"
  rc=$?
  [ $rc = 133 ] || exit $rc
done`;

export function launchMachine(record: MachineRecord): void {
  const console = openSync(join(record.dir, 'console.log'), 'a');
  const child = spawn(
    'bash',
    [
      '-c',
      LAUNCH_SCRIPT,
      'nspawn-launch',
      record.mergedDir,
      record.id,
      record.bridge,
      record.bindReadOnly.join(' '),
      ...record.cgroups,
    ],
    {
      detached: true, // its own session: the host outlives the provisioning process that made it
      stdio: ['ignore', console, console],
    },
  );
  closeSync(console);
  if (child.pid === undefined) throw new Error(`could not start systemd-nspawn for ${record.name}`);
  child.unref();
  record.launcher = processRef(child.pid);
  writeRecord(record);
}

export function machineRunning(record: MachineRecord): boolean {
  return record.launcher !== undefined && isRunning(record.launcher);
}

/** Powers the container off (SIGTERM to nspawn is a clean poweroff), SIGKILL after 20 s. */
export async function stopMachine(record: MachineRecord): Promise<void> {
  if (record.launcher && isRunning(record.launcher)) {
    for (const pid of childPids(record.launcher.pid))
      if (commandName(pid) === 'systemd-nspawn') signal(pid, 'SIGTERM');
    if (!(await waitForExit(record.launcher, 20_000))) signal(record.launcher.pid, 'SIGKILL');
  }
  if (killAllIn(record.cgroups) > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  // nspawn leaves this behind when /run is not a tmpfs
  rmSync(`/run/systemd/nspawn/propagate/${record.id}`, { recursive: true, force: true });
}

/** Stops the host, then removes its cgroups, overlay and directory; returns what could not be removed. */
export async function removeMachine(record: MachineRecord): Promise<string[]> {
  await stopMachine(record);
  const problems = removeCgroups(record.cgroups).map((dir) => `cgroup ${dir} not removed`);
  if (isMountpoint(record.mergedDir)) {
    try {
      await run('umount', [record.mergedDir]);
    } catch {
      await run('umount', ['--lazy', record.mergedDir]).catch((error: Error) => problems.push(error.message));
    }
  }
  if (isMountpoint(record.mergedDir))
    problems.push(`${record.mergedDir} is still mounted; left ${record.dir} in place`);
  else rmSync(record.dir, { recursive: true, force: true });
  if (existsSync(record.dir) && problems.length === 0) problems.push(`could not remove ${record.dir}`);
  return problems;
}

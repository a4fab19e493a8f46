import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from './processes';

/**
 * One cgroup per host (docs/testbed.md, pitfall P1): with --keep-unit, systemd-nspawn nests the
 * container's cgroups inside its caller's, so hosts launched from one shell would share them.
 * On a hybrid layout (v1 controllers + name=systemd + cgroup2 at unified/) the host needs a
 * directory in both the systemd and unified hierarchies; on a pure cgroup2 machine, one.
 */
export function cgroupDirsFor(
  hostName: string,
  cgroupFs: string | undefined,
  root = '/sys/fs/cgroup',
): string[] {
  if (cgroupFs === 'cgroup2fs') return [join(root, 'provisioning-testbed', hostName)];
  return ['systemd', 'unified']
    .filter((hierarchy) => existsSync(join(root, hierarchy)))
    .map((hierarchy) => join(root, hierarchy, hostName));
}

export function createCgroups(dirs: readonly string[]): void {
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
}

function subtree(dir: string): string[] {
  let children: string[] = [];
  try {
    children = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => subtree(join(dir, entry.name)));
  } catch {
    return [];
  }
  return [...children, dir];
}

/** PIDs still inside a host's cgroups (a stuck container after its launcher is gone). */
export function pidsIn(dirs: readonly string[]): number[] {
  const pids = new Set<number>();
  for (const dir of dirs) {
    for (const group of subtree(dir)) {
      try {
        for (const pid of readFileSync(join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean))
          pids.add(Number(pid));
      } catch {
        // the group vanished meanwhile
      }
    }
  }
  return [...pids];
}

export function killAllIn(dirs: readonly string[]): number {
  const pids = pidsIn(dirs);
  for (const pid of pids) signal(pid, 'SIGKILL');
  return pids.length;
}

/** Removes the host's cgroup trees depth-first; returns the directories that could not be removed. */
export function removeCgroups(dirs: readonly string[]): string[] {
  const left: string[] = [];
  for (const dir of dirs) {
    for (const group of subtree(dir)) {
      try {
        rmdirSync(group);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') left.push(group);
      }
    }
  }
  return left;
}

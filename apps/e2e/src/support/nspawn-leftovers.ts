import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Out of band: what of an nspawn machine is left on this machine (mount, cgroup, veth, directory). */
export function leftovers(id: string, stateDir: string): string[] {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => line.includes(`/machines/${id}/`));
  const cgroups = [
    `/sys/fs/cgroup/systemd/provisioning-nspawn-${id}`,
    `/sys/fs/cgroup/unified/provisioning-nspawn-${id}`,
    `/sys/fs/cgroup/provisioning-nspawn/${id}`,
  ].filter((dir) => existsSync(dir));
  const veths = execFileSync('ip', ['-o', 'link', 'show'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(`vb-${id}`));
  const dirs = [join(stateDir, 'machines', id)].filter((dir) => existsSync(dir));
  return [...mounts, ...cgroups, ...veths, ...dirs];
}

/** Machines an nspawn state directory still holds. */
export function machinesLeft(stateDir: string): string[] {
  const dir = join(stateDir, 'machines');
  return existsSync(dir) ? readdirSync(dir) : [];
}

export function linkExists(name: string): boolean {
  return execFileSync('ip', ['-o', 'link', 'show']).toString().includes(`: ${name}:`);
}

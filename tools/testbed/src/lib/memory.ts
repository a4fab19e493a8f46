import { readFileSync } from 'node:fs';
import { pidsIn } from './cgroups';

/** Proportional set size of one process in KiB (shared pages divided among their users); 0 once gone. */
export function pssKiB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Memory a host costs: the PSS of every process in its cgroups (its nspawn supervisor included). */
export function hostMemoryKiB(cgroups: readonly string[]): number {
  return pidsIn(cgroups).reduce((sum, pid) => sum + pssKiB(pid), 0);
}

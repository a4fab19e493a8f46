import { readdirSync, readFileSync } from 'node:fs';

/** Every descendant pid of `root` (Linux /proc), children before grandchildren. */
export function descendantPids(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // the process exited while we listed
    }
  }
  const result: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = [...parentOf.entries()]
      .filter(([, parent]) => frontier.includes(parent))
      .map(([pid]) => pid);
    result.push(...children);
    frontier = children;
  }
  return result;
}

export function killAll(pids: readonly number[], signal: NodeJS.Signals = 'SIGKILL'): number {
  let killed = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
      killed++;
    } catch {
      // already gone
    }
  }
  return killed;
}

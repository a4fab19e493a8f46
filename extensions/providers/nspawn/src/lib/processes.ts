import { readFileSync, readdirSync } from 'node:fs';
/** A process by PID and start time, so a reused PID is never mistaken for it. */
export interface ProcessRef {
  readonly pid: number;
  readonly startTicks: number;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks); undefined when the process is gone. */
export function startTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name (field 2) may contain spaces and parentheses: count fields after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]);
}

export function processRef(pid: number): ProcessRef {
  const ticks = startTicks(pid);
  if (ticks === undefined) throw new Error(`process ${pid} exited before it could be recorded`);
  return { pid, startTicks: ticks };
}

/** True while the recorded process runs (same PID and same start time, so a reused PID does not count). */
export function isRunning(ref: ProcessRef): boolean {
  return startTicks(ref.pid) === ref.startTicks;
}

export function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

export function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export async function waitForExit(ref: ProcessRef, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(ref)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

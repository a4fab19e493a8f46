import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding the state directory's lock (an atomic mkdir with the holder's pid inside),
 * so parallel creates never pick the same address or race on the bridge. A lock whose holder died
 * is taken over.
 */
export async function withStateLock<T>(
  stateDir: string,
  work: () => Promise<T>,
  timeoutMs = 120_000,
): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const lock = join(stateDir, 'lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being written or removed right now
      }
      if (Number.isInteger(holder) && holder > 0 && !alive(holder))
        rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `${lock} is held by pid ${holder} for more than ${timeoutMs / 1000} s; if no provisioning runs, remove it`,
        );
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An exclusive lock file holding the owner's PID, so two `up`/`down` runs (say, two jest runs
 * reusing one testbed) never change the same instance at once. A lock whose owner died is taken over.
 */
export async function withLock<T>(
  path: string,
  action: () => Promise<T>,
  timeoutMs = 15 * 60_000,
): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!ownerAlive(path)) {
        unlinkSync(path);
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `testbed lock ${path} is held by PID ${readOwner(path)}; wait for it or remove the file if that process is gone`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await action();
  } finally {
    unlinkSync(path);
  }
}

function readOwner(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

function ownerAlive(path: string): boolean {
  const pid = readOwner(path);
  if (pid === undefined) return true; // being written right now
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

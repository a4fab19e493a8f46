import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigWriteError } from '../errors';

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the
 * text goes to a temp file in the same directory (same filesystem), then rename() replaces the
 * target in one step. The target's permission bits are kept.
 */
export function writeFileAtomic(path: string, content: string, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let keepMode = mode;
  try {
    keepMode ??= statSync(path).mode & 0o777;
  } catch {
    // A new file gets the default mode (or the one asked for).
  }
  try {
    writeFileSync(temp, content, { mode: keepMode ?? 0o644 });
    if (keepMode !== undefined) chmodSync(temp, keepMode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ConfigWriteError(
      `could not write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the file is unchanged`,
    );
  }
}

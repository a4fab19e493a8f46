import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { create } from 'tar';

export interface TarballEntry {
  /** POSIX path inside the archive, e.g. `package/manifest.yaml`. */
  path: string;
  content: string | Buffer;
}

export interface WrittenTarball {
  file: string;
  sha256: string;
  sha256File: string;
}

/**
 * Writes a gzipped tarball whose bytes depend only on the entries: paths sorted, every mtime the
 * epoch, modes 0644, no owner, group or directory entries. The same input gives the same sha256 on
 * any machine, which is what registries and bundles check. Writes `<file>.sha256` (sha256sum format).
 */
export async function writeDeterministicTarball(
  entries: readonly TarballEntry[],
  file: string,
): Promise<WrittenTarball> {
  const paths = entries.map((entry) => entry.path);
  for (const path of paths) {
    if (posix.isAbsolute(path) || posix.normalize(path).startsWith('..') || path.includes('\\')) {
      throw new Error(`Tarball entry "${path}" must be a relative POSIX path inside the archive.`);
    }
  }
  const duplicate = paths.find((path, index) => paths.indexOf(path) !== index);
  if (duplicate) throw new Error(`Tarball entry "${duplicate}" is listed twice.`);

  const stage = mkdtempSync(join(tmpdir(), 'tarball-'));
  try {
    for (const entry of entries) {
      const target = join(stage, entry.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.content);
      chmodSync(target, 0o644);
    }
    mkdirSync(dirname(file), { recursive: true });
    const sorted = [...paths].sort();
    await create(
      { cwd: stage, file, gzip: { level: 9 }, portable: true, mtime: new Date(0), noDirRecurse: true },
      sorted,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  const sha256File = `${file}.sha256`;
  writeFileSync(sha256File, `${sha256}  ${posix.basename(file)}\n`);
  return { file, sha256, sha256File };
}

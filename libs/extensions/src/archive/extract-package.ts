import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ExtensionError } from '../errors';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits';
import { type ArchiveContent, readArchive } from './read-archive';

/**
 * Extracts a package tarball into `target` (which must not exist): the archive is checked whole
 * in memory first (readArchive), written into a hidden sibling temp folder, then renamed into
 * place in one step. On any failure nothing is left: not the target, not the temp folder.
 * The only folders created before the rename are the target's missing parents. `verify` sees the
 * staged folder before the rename and may refuse it (by throwing), e.g. when code and manifest disagree.
 */
export async function extractPackage(
  bytes: Buffer,
  target: string,
  options: {
    label?: string;
    limits?: ExtractionLimits;
    verify?: (stageDir: string, content: ArchiveContent) => void;
  } = {},
): Promise<ArchiveContent> {
  const label = options.label ?? basename(target);
  const content = await readArchive(bytes, label, options.limits ?? DEFAULT_EXTRACTION_LIMITS);
  if (existsSync(target)) {
    throw new ExtensionError(
      'invalid-input',
      `${target} already exists; nothing was written.`,
      'remove it first (provisioning extension remove) or install another version.',
    );
  }
  const firstCreated = firstMissingAncestor(dirname(target));
  mkdirSync(dirname(target), { recursive: true });
  const stage = mkdtempSync(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    writeContent(stage, content);
    options.verify?.(stage, content);
    renameSync(stage, target);
  } catch (error) {
    rmSync(firstCreated ?? stage, { recursive: true, force: true });
    throw error;
  }
  return content;
}

/** Writes checked content below `root`; every path is resolved again and must stay inside it. */
function writeContent(root: string, content: ArchiveContent): void {
  const inside = (path: string) => {
    const absolute = resolve(root, path);
    if (!absolute.startsWith(root + sep))
      throw new ExtensionError(
        'unsafe-archive',
        `"${path}" resolves outside the package folder; nothing was written.`,
      );
    return absolute;
  };
  for (const directory of content.directories) mkdirSync(inside(directory), { recursive: true, mode: 0o755 });
  for (const file of content.files) {
    const absolute = inside(file.path);
    mkdirSync(dirname(absolute), { recursive: true, mode: 0o755 });
    // `wx`: never follow or replace something already there.
    writeFileSync(absolute, file.content, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 });
  }
}

/** The outermost folder of `dir` that does not exist yet (what a failed extraction must remove again). */
function firstMissingAncestor(dir: string): string | undefined {
  let missing: string | undefined;
  for (let current = dir; !existsSync(current); current = dirname(current)) {
    missing = current;
    if (dirname(current) === current) break;
  }
  return missing;
}

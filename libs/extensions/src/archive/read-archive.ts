import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { ExtensionError } from '../errors';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits';

/** One regular file of a package, its path relative to the package root (`dist/index.js`). */
export interface ArchiveFile {
  path: string;
  content: Buffer;
  executable: boolean;
}

/** The validated content of a package tarball: regular files and the directories that hold them. */
export interface ArchiveContent {
  files: ArchiveFile[];
  directories: string[];
}

/** Every package keeps its files under this one folder (what `npm pack` and our package executor write). */
export const PACKAGE_ROOT = 'package';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const MAX_PATH_LENGTH = 255;

function refuse(label: string, why: string): never {
  throw new ExtensionError(
    'unsafe-archive',
    `${label}: refused, ${why}; nothing was written.`,
    'the archive is malformed or hostile; get the package again from a trusted source, or tell its publisher.',
  );
}

/**
 * Reads a gzipped package tarball entirely in memory and checks it against `limits` before any
 * byte reaches the disk: only regular files and directories under `package/`, relative paths
 * without `..`, no links, devices or FIFOs, no entry twice, bounded sizes and compression ratio.
 * node-tar only parses headers here (pax paths included); writing is ours, so its extraction
 * code paths (the source of its link-traversal CVEs) are never used.
 */
export async function readArchive(
  bytes: Buffer,
  label: string,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<ArchiveContent> {
  if (bytes.length > limits.maxCompressedBytes)
    refuse(label, `the archive is ${bytes.length} bytes, above the limit of ${limits.maxCompressedBytes}`);
  if (bytes.length < 2 || !bytes.subarray(0, 2).equals(GZIP_MAGIC))
    refuse(label, 'it is not a gzip-compressed tarball');
  const tarBytes = gunzipBounded(bytes, label, limits);
  if (tarBytes.length / bytes.length > limits.maxCompressionRatio && tarBytes.length > 1024 * 1024) {
    refuse(
      label,
      `it expands ${Math.round(tarBytes.length / bytes.length)}x (limit ${limits.maxCompressionRatio}x): a decompression bomb`,
    );
  }
  if (tarBytes.length % 512 !== 0 || !isEndMarker(tarBytes.subarray(-1024))) {
    refuse(label, 'the tar data is TRUNCATED (it does not end with the end-of-archive blocks)');
  }
  return parseEntries(tarBytes, label, limits);
}

function isEndMarker(tail: Buffer): boolean {
  return tail.length === 1024 && tail.every((byte) => byte === 0);
}

function gunzipBounded(bytes: Buffer, label: string, limits: ExtractionLimits): Buffer {
  // Room for the tar headers and padding of every allowed entry on top of the content limit.
  const maxOutputLength = limits.maxTotalBytes + (limits.maxEntries + 2) * 1024;
  try {
    return gunzipSync(bytes, { maxOutputLength });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      refuse(
        label,
        `it expands to more than ${maxOutputLength} bytes (limit ${limits.maxTotalBytes} bytes of files): a decompression bomb`,
      );
    }
    refuse(label, `it is not valid gzip (${(error as Error).message})`);
  }
}

function parseEntries(tarBytes: Buffer, label: string, limits: ExtractionLimits): Promise<ArchiveContent> {
  return new Promise((resolvePromise, reject) => {
    const files: ArchiveFile[] = [];
    const directories: string[] = [];
    const seen = new Set<string>();
    const pending = new Set<string>();
    let entries = 0;
    let total = 0;
    let failure: unknown;
    const fail = (error: unknown) => {
      failure ??= error;
    };
    const parser = new Parser({
      strict: true,
      onwarn: (_code, message) =>
        fail(
          new ExtensionError(
            'unsafe-archive',
            `${label}: refused, the tar data is malformed (${String(message)}); nothing was written.`,
          ),
        ),
      onReadEntry: (entry: ReadEntry) => {
        if (failure) return entry.resume();
        try {
          entries += 1;
          if (entries > limits.maxEntries) refuse(label, `it has more than ${limits.maxEntries} entries`);
          const path = checkedPath(entry.path, label);
          if (seen.has(path))
            refuse(label, `"${entry.path}" appears twice (a later copy could replace a checked one)`);
          seen.add(path);
          if (entry.type === 'Directory') {
            if (path !== '') directories.push(path);
            return entry.resume();
          }
          if (!FILE_TYPES.has(entry.type))
            refuse(
              label,
              `"${entry.path}" is a ${describeType(entry)}; packages hold only regular files and directories`,
            );
          if (path === '') refuse(label, `"${entry.path}" is a file where the package folder should be`);
          if (entry.size > limits.maxFileBytes)
            refuse(
              label,
              `"${entry.path}" is ${entry.size} bytes, above the per-file limit of ${limits.maxFileBytes}`,
            );
          total += entry.size;
          if (total > limits.maxTotalBytes)
            refuse(label, `its files add up to more than ${limits.maxTotalBytes} bytes`);
          const chunks: Buffer[] = [];
          const declared = entry.size;
          pending.add(path);
          entry.on('data', (chunk: Buffer) => chunks.push(chunk));
          entry.on('end', () => {
            pending.delete(path);
            const content = Buffer.concat(chunks);
            if (content.length !== declared)
              fail(
                new ExtensionError(
                  'unsafe-archive',
                  `${label}: refused, "${entry.path}" is truncated (TRUNCATED: ${content.length} of ${declared} bytes); nothing was written.`,
                ),
              );
            else files.push({ path, content, executable: ((entry.mode ?? 0) & 0o111) !== 0 });
          });
        } catch (error) {
          fail(error);
          entry.resume();
        }
      },
    });
    parser.on('error', (error: Error) =>
      fail(
        new ExtensionError(
          'unsafe-archive',
          `${label}: refused, the tar data is malformed (${error.message}); nothing was written.`,
        ),
      ),
    );
    parser.on('end', () => {
      if (!failure && pending.size > 0)
        fail(
          new ExtensionError(
            'unsafe-archive',
            `${label}: refused, the archive ends inside "${[...pending][0]}" (TRUNCATED); nothing was written.`,
          ),
        );
      if (failure) return reject(failure);
      try {
        checkNoFileHoldsAnother(files, directories, label);
        if (files.length === 0) refuse(label, 'it holds no files');
        resolvePromise({ files, directories });
      } catch (error) {
        reject(error);
      }
    });
    parser.end(tarBytes);
  });
}

/** The entry's path below `package/`, or a refusal; `''` is the package folder itself. */
function checkedPath(raw: string, label: string): string {
  if (raw.length > MAX_PATH_LENGTH)
    refuse(label, `an entry path is longer than ${MAX_PATH_LENGTH} characters`);
  if ([...raw].some((char) => char.charCodeAt(0) < 0x20 || char === '\\'))
    refuse(label, `"${printable(raw)}" contains a control character or a backslash`);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) refuse(label, `"${raw}" is an absolute path`);
  const segments = raw.replace(/\/+$/, '').split('/');
  if (segments.includes('..')) refuse(label, `"${raw}" climbs out of the package with ".."`);
  if (segments.some((segment) => segment === '' || segment === '.'))
    refuse(label, `"${raw}" has an empty or "." path segment`);
  if (segments[0] !== PACKAGE_ROOT)
    refuse(label, `"${raw}" is outside the "${PACKAGE_ROOT}/" folder every package keeps its files in`);
  return segments.slice(1).join('/');
}

/** `package/a` as a file and `package/a/b` as well would make one write go through the other. */
function checkNoFileHoldsAnother(
  files: readonly ArchiveFile[],
  directories: readonly string[],
  label: string,
): void {
  const filePaths = new Set(files.map((file) => file.path));
  for (const path of [...files.map((file) => file.path), ...directories]) {
    const segments = path.split('/');
    for (let length = 1; length < segments.length; length++) {
      const parent = segments.slice(0, length).join('/');
      if (filePaths.has(parent)) refuse(label, `"${PACKAGE_ROOT}/${parent}" is both a file and a folder`);
    }
  }
  for (const directory of directories)
    if (filePaths.has(directory)) refuse(label, `"${PACKAGE_ROOT}/${directory}" is both a file and a folder`);
}

function describeType(entry: ReadEntry): string {
  switch (entry.type) {
    case 'SymbolicLink':
      return `symbolic link to "${entry.linkpath ?? ''}"`;
    case 'Link':
      return `hard link to "${entry.linkpath ?? ''}"`;
    case 'CharacterDevice':
    case 'BlockDevice':
      return 'device file';
    case 'FIFO':
      return 'FIFO (named pipe)';
    default:
      return `${entry.type} entry`;
  }
}

function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

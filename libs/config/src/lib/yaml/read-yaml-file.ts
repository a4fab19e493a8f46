import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { Document, LineCounter, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseDocumentWithinDepth } from './nesting-limit';

/** Limits that keep a hostile or accidental input from exhausting memory or time. */
export interface YamlLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest number of alias (`*name`) expansions, against "billion laughs" documents. */
  maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxFileBytes: 1024 * 1024, maxAliasCount: 100 };

/** A parsed YAML file that keeps its syntax tree so values can be traced back to line:col. */
export interface ParsedYamlFile {
  /** The path shown in diagnostics (relative to the workspace root where possible). */
  file: string;
  absolutePath: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The plain JavaScript value of the document; null for an empty document. */
  data: unknown;
}

export type YamlReadResult = { ok: true; parsed: ParsedYamlFile } | { ok: false; diagnostics: Diagnostic[] };

export interface ReadYamlOptions {
  limits?: YamlLimits;
  /** Completes "the file is empty; ..." with what belongs in it. Empty files are an error when set. */
  emptyHint?: string;
}

function fileError(file: string, message: string, code: string, line = 1, col = 1): Diagnostic {
  return { file, line, col, severity: 'error', path: '', message, code };
}

function tooLarge(file: string, size: string, limits: YamlLimits): Diagnostic {
  return fileError(
    file,
    `the file is ${size} bytes, over the ${limits.maxFileBytes}-byte limit for configuration files; split it into several files`,
    'file-too-large',
  );
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a regular file of at most `maxFileBytes` bytes. Anything else (a FIFO, /dev/zero, a
 * directory, a socket) is refused before a byte is read: a FIFO would block `validate` forever and
 * a device never ends. The file is opened non-blocking and checked again on the open descriptor, so
 * swapping it for a FIFO between the two checks does not hang either, and at most one byte more
 * than the limit is ever read, whatever the size says.
 */
function readSource(absolutePath: string, file: string, limits: YamlLimits): Buffer | Diagnostic {
  let fd: number | undefined;
  try {
    const before = statSync(absolutePath);
    if (!before.isFile()) return notRegular(file, kindOf(before));
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile()) return notRegular(file, kindOf(stats));
    if (stats.size > limits.maxFileBytes) return tooLarge(file, String(stats.size), limits);
    const buffer = Buffer.alloc(limits.maxFileBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limits.maxFileBytes) return tooLarge(file, `more than ${limits.maxFileBytes}`, limits);
    return buffer.subarray(0, length);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    return fileError(
      file,
      `cannot read the file (${reason}); check that it exists and is readable`,
      'unreadable',
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function notRegular(file: string, kind: string): Diagnostic {
  return fileError(
    file,
    `this is ${kind}, not a regular file; configuration must be a plain file`,
    'not-a-regular-file',
  );
}

/** The text of the file, or an error at the line and column of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer, file: string): string | Diagnostic {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = countNewlines(bytes, offset) + 1;
    const col = [...bytes.subarray(lineStart, offset).toString('utf8')].length + 1;
    const hex = bytes[offset].toString(16).padStart(2, '0');
    return fileError(
      file,
      `the file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`,
      'invalid-utf8',
      line,
      col,
    );
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}

/** Offset of the first byte that starts no valid UTF-8 sequence (overlongs and surrogates included). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length - 1;
}

const FRIENDLY_PARSE_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed as indentation in YAML; indent with spaces',
  MULTIPLE_DOCS:
    'the file holds several YAML documents (separated by ---); keep one document per file or split it into several files',
};

function parseErrorMessage(code: string, raw: string, source: string, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = (/^[^:\n]*/.exec(source.slice(offset))?.[0].trim() ?? '').replace(/^["']|["']$/g, '');
    return `duplicate key "${key}" in the same mapping; each key may appear once`;
  }
  const friendly = FRIENDLY_PARSE_MESSAGES[code];
  if (friendly) return friendly;
  const firstLine = raw.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `invalid YAML: ${firstLine.charAt(0).toLowerCase()}${firstLine.slice(1)}`;
}

/** Where the first alias sits, so alias problems point somewhere useful. */
function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function toPlainData(parsed: Omit<ParsedYamlFile, 'data'>, limits: YamlLimits): unknown | Diagnostic {
  try {
    return parsed.doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const { line, col } = parsed.lineCounter.linePos(firstAliasOffset(parsed.doc));
    const message = (error as Error).message;
    if (/Excessive alias count/.test(message)) {
      return fileError(
        parsed.file,
        `YAML aliases expand more than ${limits.maxAliasCount} times; reduce the use of anchors (&) and aliases (*)`,
        'alias-limit',
        line,
        col,
      );
    }
    const anchor = /alias[^:]*: (.+)$/.exec(message)?.[1];
    return fileError(
      parsed.file,
      anchor
        ? `alias *${anchor} refers to no anchor &${anchor} defined before it`
        : `invalid YAML: ${message}`,
      'bad-alias',
      line,
      col,
    );
  }
}

/**
 * Reads and parses one YAML file, never throwing for bad content: every problem becomes a
 * diagnostic with file:line:col (size limit, unreadable file, syntax errors, tabs, alias bombs).
 */
export function readYamlFile(
  absolutePath: string,
  file: string,
  options: ReadYamlOptions = {},
): YamlReadResult {
  const source = readTextFile(absolutePath, file, options.limits);
  if (typeof source !== 'string') return { ok: false, diagnostics: [source] };
  return parseYamlSource(source, absolutePath, file, options);
}

/**
 * The text of a regular file of at most `limits.maxFileBytes`, decoded as strict UTF-8 (a leading
 * byte-order mark dropped), or a located diagnostic. Every configuration-like file is read this
 * way, so none of them can hang on a FIFO or fill memory from a device.
 */
export function readTextFile(
  absolutePath: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): string | Diagnostic {
  const bytes = readSource(absolutePath, file, limits);
  if (!Buffer.isBuffer(bytes)) return bytes;
  // a NUL byte means "not text at all", which parseYamlSource reports at its place
  const source = bytes.includes(0) ? bytes.toString('utf8') : decodeUtf8(bytes, file);
  return typeof source === 'string' ? source.replace(/^\uFEFF/, '') : source;
}

export function parseYamlSource(
  source: string,
  absolutePath: string,
  file: string,
  options: ReadYamlOptions = {},
): YamlReadResult {
  try {
    return parseYamlSourceUnguarded(source, absolutePath, file, options);
  } catch (error) {
    // The parser should report every problem as an error object; this catches what slips through
    // (a stack overflow on pathological input) so the user still gets a located message, not a trace.
    const message = `the YAML parser gave up on this file (${(error as Error).message}); simplify it`;
    return { ok: false, diagnostics: [fileError(file, message, 'yaml-parser-failure')] };
  }
}

function parseYamlSourceUnguarded(
  source: string,
  absolutePath: string,
  file: string,
  options: ReadYamlOptions = {},
): YamlReadResult {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const lineCounter = new LineCounter();
  const binary = source.indexOf('\0');
  if (binary !== -1) {
    const { line, col } = positionOf(source, binary);
    return {
      ok: false,
      diagnostics: [
        fileError(
          file,
          'the file is not text (it contains a NUL byte); is it the right file?',
          'binary-file',
          line,
          col,
        ),
      ],
    };
  }
  const doc = parseDocumentWithinDepth(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  if (!(doc instanceof Document)) {
    const { line, col } = positionOf(source, doc.offset);
    return { ok: false, diagnostics: [fileError(file, doc.message, 'nesting-limit', line, col)] };
  }
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return fileError(
        file,
        parseErrorMessage(error.code, error.message, source, error.pos[0]),
        'yaml-syntax',
        line,
        col,
      );
    });
    return { ok: false, diagnostics };
  }
  const base = { file, absolutePath, doc, lineCounter };
  const data = toPlainData(base, limits);
  if (isDiagnostic(data)) return { ok: false, diagnostics: [data] };
  if ((data === null || data === undefined) && options.emptyHint !== undefined) {
    return {
      ok: false,
      diagnostics: [fileError(file, `the file is empty; ${options.emptyHint}`, 'empty-file')],
    };
  }
  return { ok: true, parsed: { ...base, data: data ?? null } };
}

function positionOf(source: string, offset: number): { line: number; col: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function isDiagnostic(value: unknown): value is Diagnostic {
  return (
    typeof value === 'object' && value !== null && 'severity' in value && 'code' in value && 'line' in value
  );
}

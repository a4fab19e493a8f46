import { readFileSync, statSync } from 'node:fs';
import { type Document, LineCounter, parseDocument, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { findExcessiveNesting } from './nesting-limit';

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

function readSource(absolutePath: string, file: string, limits: YamlLimits): string | Diagnostic {
  try {
    const size = statSync(absolutePath).size;
    if (size > limits.maxFileBytes) {
      return fileError(
        file,
        `the file is ${size} bytes, over the ${limits.maxFileBytes}-byte limit for configuration files; ` +
          'split it into several files',
        'file-too-large',
      );
    }
    return readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    return fileError(file, `cannot read the file (${reason}); check that it exists and is readable`, 'unreadable');
  }
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
      anchor ? `alias *${anchor} refers to no anchor &${anchor} defined before it` : `invalid YAML: ${message}`,
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
export function readYamlFile(absolutePath: string, file: string, options: ReadYamlOptions = {}): YamlReadResult {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const source = readSource(absolutePath, file, limits);
  if (typeof source !== 'string') return { ok: false, diagnostics: [source] };
  return parseYamlSource(source, absolutePath, file, options);
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
    return { ok: false, diagnostics: [fileError(file, 'the file is not text (it contains a NUL byte); is it the right file?', 'binary-file', line, col)] };
  }
  const nesting = findExcessiveNesting(source);
  if (nesting) {
    const { line, col } = positionOf(source, nesting.offset);
    return { ok: false, diagnostics: [fileError(file, nesting.message, 'nesting-limit', line, col)] };
  }
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return fileError(file, parseErrorMessage(error.code, error.message, source, error.pos[0]), 'yaml-syntax', line, col);
    });
    return { ok: false, diagnostics };
  }
  const base = { file, absolutePath, doc, lineCounter };
  const data = toPlainData(base, limits);
  if (isDiagnostic(data)) return { ok: false, diagnostics: [data] };
  if ((data === null || data === undefined) && options.emptyHint !== undefined) {
    return { ok: false, diagnostics: [fileError(file, `the file is empty; ${options.emptyHint}`, 'empty-file')] };
  }
  return { ok: true, parsed: { ...base, data: data ?? null } };
}

function positionOf(source: string, offset: number): { line: number; col: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function isDiagnostic(value: unknown): value is Diagnostic {
  return typeof value === 'object' && value !== null && 'severity' in value && 'code' in value && 'line' in value;
}

import type { z } from 'zod';
import { type Diagnostic, formatPath } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/did-you-mean';
import { locate } from '../yaml/locate';
import type { ParsedYamlFile } from '../yaml/read-yaml-file';
import { knownKeysAt } from './schema-keys';

type Issue = z.core.$ZodIssue;

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

/** How a wrong value is shown after "got": short, typed, and never the value when `redact` is set. */
export function describeValue(value: unknown, redact = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (redact) return `a ${typeof value} (value hidden)`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** Messages we wrote are "expected" phrases; zod's own defaults start with a capital "Invalid"/"Too". */
function isCustomPhrase(message: string): boolean {
  return !/^(Invalid|Too (big|small)|Unrecognized|Expected|Number must|String must)/.test(message);
}

/** Extension authors often write their messages as rules ("must be a size such as 512mb"). */
function isRule(message: string): boolean {
  return /^(must|should|needs?|is|are|cannot|can't|may)\b/i.test(message);
}

function sizeUnit(origin: string): string {
  return origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '';
}

function defaultPhrase(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_PHRASES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${issue.origin === 'array' ? 'a list with ' : ''}at least ${String(issue.minimum)}${sizeUnit(issue.origin)}`;
    case 'too_big':
      return `${issue.origin === 'array' ? 'a list with ' : ''}at most ${String(issue.maximum)}${sizeUnit(issue.origin)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `a string matching ${issue.pattern}`
        : `a valid ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return 'a valid value';
  }
}

/** "expected <phrase>" for our phrases and zod's defaults; an extension's rule stays as written. */
function expectation(issue: Issue): string {
  if (!isCustomPhrase(issue.message)) return `expected ${defaultPhrase(issue)}`;
  return isRule(issue.message) ? issue.message : `expected ${issue.message}`;
}

/** Ansible users write YAML 1.1 booleans; YAML 1.2 (and this parser) reads them as strings. */
function yaml11Hint(issue: Issue, input: unknown): string {
  const wantsBoolean = issue.code === 'invalid_type' && issue.expected === 'boolean';
  return wantsBoolean && typeof input === 'string' && /^(yes|no|on|off|y|n)$/i.test(input)
    ? ` (YAML 1.2 reads ${input} as text; write true or false)`
    : '';
}

export interface IssueContext {
  parsed: Pick<ParsedYamlFile, 'file' | 'doc' | 'lineCounter'>;
  /** The schema the data was checked against, for did-you-mean on unknown keys. */
  schema: z.ZodType;
  /** Prefix of the path inside the file when a sub-value was validated (e.g. a taskserv's params). */
  basePath?: readonly (string | number)[];
  /** Never echo input values (secrets files). */
  redactValues?: boolean;
}

function diagnostic(
  ctx: IssueContext,
  path: readonly PropertyKey[],
  message: string,
  code: string,
  target: 'value' | 'key' = 'value',
): Diagnostic {
  const fullPath = [...(ctx.basePath ?? []), ...path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const { line, col } = locate(ctx.parsed, fullPath, target);
  return { file: ctx.parsed.file, line, col, severity: 'error', path: formatPath(fullPath), message, code };
}

function issueToDiagnostics(issue: Issue, ctx: IssueContext): Diagnostic[] {
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(ctx.schema, issue.path);
    return issue.keys.map((key) =>
      diagnostic(
        ctx,
        [...issue.path, key],
        `unknown key "${key}"${didYouMean(key, known)}`,
        'unknown-key',
        'key',
      ),
    );
  }
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    const inner = issue.issues[0] as Issue | undefined;
    const phrase = inner ? expectation(inner) : 'expected a valid key';
    return [
      diagnostic(
        ctx,
        issue.path,
        `invalid key ${JSON.stringify(String(key))}: ${phrase}`,
        'invalid-key',
        'key',
      ),
    ];
  }
  if (issue.code === 'invalid_union') {
    // A discriminated union names the key it dispatches on: report that key's value, not the mapping.
    const discriminator = (issue as { discriminator?: string }).discriminator;
    if (discriminator !== undefined && typeof input === 'object' && input !== null) {
      const value = (input as Record<string, unknown>)[discriminator];
      if (value === undefined)
        return [diagnostic(ctx, issue.path, `required, but missing; ${expectation(issue)}`, 'missing-key')];
      return [
        diagnostic(
          ctx,
          issue.path,
          `${expectation(issue)}, got ${describeValue(value, ctx.redactValues)}`,
          'invalid-value',
        ),
      ];
    }
    // Report the branch that got furthest; our schemas use unions rarely and keep branches distinct.
    const first = issue.errors[0]?.[0] as Issue | undefined;
    if (first) return issueToDiagnostics({ ...first, path: [...issue.path, ...first.path] } as Issue, ctx);
  }
  if (issue.code === 'invalid_type' && input === undefined) {
    return [diagnostic(ctx, issue.path, `required, but missing; ${expectation(issue)}`, 'missing-key')];
  }
  if (issue.code === 'custom' && issue.message.includes(' is not supported yet')) {
    return [diagnostic(ctx, issue.path, issue.message, 'not-supported-yet')];
  }
  const code = issue.code.replace(/_/g, '-');
  const message = `${expectation(issue)}, got ${describeValue(input, ctx.redactValues)}${yaml11Hint(issue, input)}`;
  return [diagnostic(ctx, issue.path, message, code)];
}

/** Every zod issue as a located diagnostic; one issue may yield several (one per unknown key). */
export function zodIssuesToDiagnostics(issues: readonly Issue[], ctx: IssueContext): Diagnostic[] {
  return issues.flatMap((issue) => issueToDiagnostics(issue, ctx));
}

/** Validates `data` against `schema`, returning the typed value or located diagnostics. */
export function validateWithSchema<T extends z.ZodType>(
  schema: T,
  data: unknown,
  ctx: Omit<IssueContext, 'schema'>,
): { ok: true; value: z.infer<T> } | { ok: false; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, diagnostics: zodIssuesToDiagnostics(result.error.issues, { ...ctx, schema }) };
}

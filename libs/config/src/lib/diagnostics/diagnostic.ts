/**
 * A problem found in the workspace, located precisely enough for an editor to jump to it.
 * `file` is relative to the workspace root (or absolute when outside it, e.g. the user config).
 */
export type Severity = 'error' | 'warning';

export interface SourceLocation {
  /** A file, or a non-file source such as `$PROVISIONING_SSH_PORT` (then line and col are 0). */
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic extends SourceLocation {
  severity: Severity;
  /** The value's path inside the file, e.g. `servers[1].port`; empty for file-level problems. */
  path: string;
  message: string;
  /** A stable identifier for tooling, e.g. `invalid-type`, `unknown-key`, `dependency-cycle`. */
  code: string;
}

/** `infra/prod/servers.yaml:12:5 error servers[1].port: expected a number from 1 to 65535, got "22a"` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  return d.path ? `${where} ${d.severity} ${d.path}: ${d.message}` : `${where} ${d.severity} ${d.message}`;
}

export function formatLocation(loc: SourceLocation): string {
  return loc.line > 0 ? `${loc.file}:${loc.line}:${loc.col}` : loc.file;
}

/** Renders `['servers', 1, 'port']` as `servers[1].port`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

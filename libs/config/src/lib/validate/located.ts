import {
  type Diagnostic,
  formatLocation,
  formatPath,
  type Severity,
  type SourceLocation,
} from '../diagnostics/diagnostic';
import { locate } from '../yaml/locate';
import type { ParsedYamlFile } from '../yaml/read-yaml-file';

/** A value together with the file and path it was read from, so later checks can point at it. */
export interface Located<T> {
  value: T;
  parsed: ParsedYamlFile;
  path: (string | number)[];
}

export function locationOf(
  parsed: ParsedYamlFile,
  path: (string | number)[],
  target: 'value' | 'key' = 'value',
): SourceLocation {
  return { file: parsed.file, ...locate(parsed, path, target) };
}

export function diagnosticAt(
  parsed: ParsedYamlFile,
  path: (string | number)[],
  severity: Severity,
  code: string,
  message: string,
): Diagnostic {
  return { ...locationOf(parsed, path), severity, code, path: formatPath(path), message };
}

export function describeLocation(parsed: ParsedYamlFile, path: (string | number)[]): string {
  return formatLocation(locationOf(parsed, path));
}

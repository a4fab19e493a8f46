import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../diagnostics/diagnostic';
import { ConfigWriteError } from '../errors';
import { withoutExtensionKeys } from '../schema/extension-keys';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { readTextFile, readYamlFile } from '../yaml/read-yaml-file';
import { CONFIG_FILE_SCHEMAS, type ConfigFileKind } from './config-file-kind';

/** Checks one config file against its schema; returns its diagnostics (empty when valid). */
export function validateConfigFile(file: string, kind: ConfigFileKind, displayPath = file): Diagnostic[] {
  const read = readYamlFile(file, displayPath, {
    emptyHint: kind === 'workspace' ? 'a workspace needs at least `name:`' : undefined,
  });
  if (!read.ok) return read.diagnostics;
  if (read.parsed.data === null) return [];
  const checked = validateWithSchema(CONFIG_FILE_SCHEMAS[kind], withoutExtensionKeys(read.parsed.data), {
    parsed: read.parsed,
  });
  return checked.ok ? [] : checked.diagnostics;
}

export type EditResult =
  | { status: 'saved'; file: string; backup?: string }
  | { status: 'unchanged'; file: string }
  | { status: 'rejected'; file: string; rejected: string; diagnostics: Diagnostic[] };

export interface EditConfigOptions {
  file: string;
  kind: ConfigFileKind;
  displayPath?: string;
  /** Opens the editor on the given path and resolves when it exits. */
  openEditor: (path: string) => Promise<void>;
}

/**
 * Edits a config file safely: the editor works on a copy next to the file; a valid result
 * replaces the file in one rename (the previous version is kept as `<file>.bak`); an invalid one
 * leaves the file untouched and keeps the edit as `<file>.rejected.yaml` with its problems listed.
 */
export async function editConfigFile(options: EditConfigOptions): Promise<EditResult> {
  const dir = dirname(options.file);
  const name = basename(options.file);
  const draft = join(dir, `${name.replace(/\.ya?ml$/, '')}.edit.yaml`);
  const before = existsSync(options.file) ? readTextFile(options.file, options.file) : '';
  if (typeof before !== 'string') throw new ConfigWriteError(formatDiagnostic(before));
  if (existsSync(options.file)) copyFileSync(options.file, draft);
  else writeFileSync(draft, before);
  try {
    await options.openEditor(draft);
  } catch (error) {
    rmSync(draft, { force: true });
    throw error;
  }
  const after = readFileSync(draft, 'utf8');
  if (after === before) {
    rmSync(draft, { force: true });
    return { status: 'unchanged', file: options.file };
  }
  const rejected = join(dir, `${name.replace(/\.ya?ml$/, '')}.rejected.yaml`);
  const diagnostics = validateConfigFile(
    draft,
    options.kind,
    options.displayPath ? join(dirname(options.displayPath), basename(rejected)) : rejected,
  );
  if (diagnostics.length > 0) {
    renameSync(draft, rejected);
    return { status: 'rejected', file: options.file, rejected, diagnostics };
  }
  const backup = existsSync(options.file) ? `${options.file}.bak` : undefined;
  if (backup) copyFileSync(options.file, backup);
  renameSync(draft, options.file);
  return { status: 'saved', file: options.file, backup };
}

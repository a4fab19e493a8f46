import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/did-you-mean';
import { type InfraFile, infraFileSchema } from '../schema/infra-file';
import { NAME_PHRASE, nameSchema } from '../schema/common';
import { withoutExtensionKeys } from '../schema/extension-keys';
import { type WorkspaceFile, workspaceFileSchema } from '../schema/workspace-file';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { type ParsedYamlFile, readYamlFile, type YamlLimits } from '../yaml/read-yaml-file';
import { locate } from '../yaml/locate';
import { WORKSPACE_FILE } from './find-workspace-root';
import { type Salvage, salvageInfraFile, salvageWorkspaceFile } from './salvage-invalid-file';

export const INFRA_DIR = 'infra';
const YAML_FILE = /\.ya?ml$/;

export interface CheckedFile<T> {
  parsed: ParsedYamlFile;
  value: T;
  /**
   * Set when the file broke its schema (those errors are already reported): `value` then holds only
   * the parts that passed, so cross-file checks still run on them, and `invalidNames` the names of
   * entries that were left out, so references to them are not reported a second time.
   */
  partial?: { invalidNames: Set<string> };
}

export interface InfraFiles {
  name: string;
  dir: string;
  files: CheckedFile<InfraFile>[];
  /** Every YAML file of the infra, including those that failed to parse. */
  fileNames: string[];
}

export interface WorkspaceFiles {
  workspaceFile?: CheckedFile<WorkspaceFile>;
  infras: InfraFiles[];
  diagnostics: Diagnostic[];
}

interface DirectoryEntry {
  name: string;
  /** What the entry is once symbolic links are followed. */
  isDirectory: boolean;
  /** Set for a symbolic link that leads out of the workspace (or nowhere): it is not followed. */
  outside?: string;
}

/**
 * The entries of a directory, symbolic links followed when they stay inside the workspace (a
 * shared infra linked into several workspaces of one repository), refused when they leave it.
 */
function listDirectory(dir: string, root: string): DirectoryEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const realRoot = safeRealpath(root) ?? root;
  return entries
    .map((entry): DirectoryEntry => {
      if (!entry.isSymbolicLink()) return { name: entry.name, isDirectory: entry.isDirectory() };
      const target = safeRealpath(join(dir, entry.name));
      if (target === undefined)
        return { name: entry.name, isDirectory: false, outside: 'a broken symbolic link' };
      const rel = relative(realRoot, target);
      if (rel.startsWith('..') || isAbsolute(rel))
        return {
          name: entry.name,
          isDirectory: false,
          outside: `a symbolic link to ${target}, outside the workspace`,
        };
      return { name: entry.name, isDirectory: statSync(target).isDirectory() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function entryError(file: string, message: string, code: string): Diagnostic {
  return { file, line: 1, col: 1, severity: 'error', path: '', message, code };
}

function readChecked<T>(
  root: string,
  relative: string,
  schema: Parameters<typeof validateWithSchema>[0],
  emptyHint: string,
  diagnostics: Diagnostic[],
  salvage: Salvage<T>,
  limits?: YamlLimits,
): CheckedFile<T> | undefined {
  const read = readYamlFile(join(root, relative), relative, { emptyHint, limits });
  if (!read.ok) {
    diagnostics.push(...read.diagnostics);
    return undefined;
  }
  const data = withoutExtensionKeys(read.parsed.data);
  const checked = validateWithSchema(schema, data, { parsed: read.parsed });
  if (!checked.ok) {
    diagnostics.push(...checked.diagnostics);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
    const { value, invalidNames } = salvage(data as Record<string, unknown>);
    return { parsed: read.parsed, value, partial: { invalidNames } };
  }
  return { parsed: read.parsed, value: checked.value as T };
}

export interface ReadWorkspaceOptions {
  /** Read only this infra (and check that it exists). */
  infra?: string;
  limits?: YamlLimits;
}

/** Reads provisioning.yaml and the infra files, checking each against its schema. */
export function readWorkspaceFiles(root: string, options: ReadWorkspaceOptions = {}): WorkspaceFiles {
  const diagnostics: Diagnostic[] = [];
  const workspaceFile = readChecked<WorkspaceFile>(
    root,
    WORKSPACE_FILE,
    workspaceFileSchema,
    'a workspace needs at least `name: <workspace-name>`',
    diagnostics,
    salvageWorkspaceFile,
    options.limits,
  );
  const infraEntries = listDirectory(join(root, INFRA_DIR), root).filter(
    (entry) => !entry.name.startsWith('.'),
  );
  for (const entry of infraEntries.filter((e) => e.outside)) {
    diagnostics.push(
      entryError(
        `${INFRA_DIR}/${entry.name}`,
        `this is ${entry.outside}; an infra must be inside the workspace (copy it in, or link to a folder inside)`,
        'link-outside-workspace',
      ),
    );
  }
  const infraNames = infraEntries.filter((entry) => entry.isDirectory).map((entry) => entry.name);
  checkInfraNames(infraNames, workspaceFile, options.infra, diagnostics);
  for (const name of infraNames.filter((n) => !nameSchema.safeParse(n).success)) {
    diagnostics.push({
      file: `${INFRA_DIR}/${name}`,
      line: 0,
      col: 0,
      severity: 'error',
      path: '',
      message: `the infra folder name "${name}" is not ${NAME_PHRASE}; rename the folder`,
      code: 'invalid-infra-name',
    });
  }
  const selected =
    options.infra === undefined ? infraNames : infraNames.filter((name) => name === options.infra);
  const infras = selected.map((name) => readInfra(root, name, diagnostics, options.limits));
  return { workspaceFile, infras, diagnostics };
}

function checkInfraNames(
  infraNames: string[],
  workspaceFile: CheckedFile<WorkspaceFile> | undefined,
  requested: string | undefined,
  diagnostics: Diagnostic[],
): void {
  const available = infraNames.length ? infraNames.join(', ') : 'none';
  if (requested !== undefined && !infraNames.includes(requested)) {
    diagnostics.push({
      file: INFRA_DIR,
      line: 1,
      col: 1,
      severity: 'error',
      path: '',
      message: `there is no infra "${requested}" (no directory ${INFRA_DIR}/${requested}/)${didYouMean(requested, infraNames)}; infras: ${available}`,
      code: 'unknown-infra',
    });
  }
  const defaultInfra = workspaceFile?.value.default_infra;
  if (workspaceFile && defaultInfra !== undefined && !infraNames.includes(defaultInfra)) {
    const { line, col } = locate(workspaceFile.parsed, ['default_infra']);
    diagnostics.push({
      file: workspaceFile.parsed.file,
      line,
      col,
      severity: 'error',
      path: 'default_infra',
      message: `no infra "${defaultInfra}" exists (no directory ${INFRA_DIR}/${defaultInfra}/)${didYouMean(defaultInfra, infraNames)}; infras: ${available}`,
      code: 'unknown-infra',
    });
  }
}

function readInfra(root: string, name: string, diagnostics: Diagnostic[], limits?: YamlLimits): InfraFiles {
  const dir = join(root, INFRA_DIR, name);
  const yamlEntries = listDirectory(dir, root).filter((entry) => YAML_FILE.test(entry.name));
  for (const entry of yamlEntries.filter((e) => e.isDirectory || e.outside)) {
    const what = entry.outside ?? 'a directory';
    diagnostics.push(
      entryError(
        `${INFRA_DIR}/${name}/${entry.name}`,
        `this is ${what}, not an infra file; rename or remove it`,
        entry.outside ? 'link-outside-workspace' : 'not-a-regular-file',
      ),
    );
  }
  const fileNames = yamlEntries
    .filter((entry) => !entry.isDirectory && !entry.outside)
    .map((entry) => `${INFRA_DIR}/${name}/${entry.name}`);
  if (fileNames.length === 0) {
    diagnostics.push({
      file: `${INFRA_DIR}/${name}`,
      line: 1,
      col: 1,
      severity: 'warning',
      path: '',
      message: 'this infra has no .yaml files; add servers.yaml (or remove the directory)',
      code: 'empty-infra',
    });
  }
  const files = fileNames.flatMap(
    (file) =>
      readChecked<InfraFile>(
        root,
        file,
        infraFileSchema,
        'an infra file holds servers:, taskservs:, clusters: or settings:',
        diagnostics,
        salvageInfraFile,
        limits,
      ) ?? [],
  );
  return { name, dir, files, fileNames };
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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

function listDirectory(dir: string): { name: string; isDirectory: boolean; isFile: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
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
  const infraNames = listDirectory(join(root, INFRA_DIR))
    .filter((entry) => entry.isDirectory && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
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
  const selected = options.infra === undefined ? infraNames : infraNames.filter((name) => name === options.infra);
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
  const fileNames = listDirectory(dir)
    .filter((entry) => YAML_FILE.test(entry.name) && !entry.isDirectory)
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
      ) ??
      [],
  );
  return { name, dir, files, fileNames };
}

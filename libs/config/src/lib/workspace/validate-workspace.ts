import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countBySeverity, type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/did-you-mean';
import { WorkspaceInvalidError } from '../errors';
import { expandPublicReferences, type InterpolationContext } from '../interpolation/interpolate';
import {
  layerTaskservParams,
  type ParamsFileLayer,
  type TaskservLookup,
  validateTaskservParams,
} from '../params/taskserv-params';
import type { ClusterSpec, InfraFile, ServerSpec, TaskservSpec } from '../schema/infra-file';
import type { PartialSettings } from '../schema/settings';
import type { WorkspaceFile } from '../schema/workspace-file';
import {
  checkSecretsFiles,
  createSecretStore,
  defaultSecretsFiles,
  type SecretStore,
} from '../secrets/secrets-store';
import { checkCrossReferences, type InfraEntries } from '../validate/cross-references';
import { diagnosticAt, type Located, locationOf } from '../validate/located';
import { expandServerFields } from '../validate/server-templates';
import { checkStringReferences } from '../validate/string-references';
import type { YamlLimits } from '../yaml/read-yaml-file';
import { WORKSPACE_FILE } from './find-workspace-root';
import { checkStateDirIgnored } from './state-dir-ignored';
import type { Cluster, Infra, Server, TaskservRef, Workspace } from './model';
import { type CheckedFile, type InfraFiles, readWorkspaceFiles } from './read-workspace-files';

export interface ValidateOptions {
  /** Validate only this infra (default: every infra under infra/). */
  infra?: string;
  /** Taskserv params schemas from extensions; unknown taskservs are a warning. */
  taskservLookup?: TaskservLookup;
  /** Environment for `{{env.NAME}}` checks (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Where `{{secret.NAME}}` references are looked up (missing secrets are warnings). Default: the
   * environment and the default secrets files, which are then also checked (mode 0600, git-ignored).
   */
  secrets?: SecretStore;
  limits?: YamlLimits;
  /**
   * Provider names a server may use (default BUILTIN_PROVIDERS); any other is an error, so a
   * server meant for a cloud provider is never treated as a plain SSH host. Callers that load
   * provider extensions pass their names too.
   */
  providers?: readonly string[];
}

/** The providers every installation has: `static` (a host that exists) and `local` (this machine). */
export const BUILTIN_PROVIDERS: readonly string[] = ['static', 'local'];

/** The provider names a server may use: the built-in ones, then these (extensions), each once. */
export function providerNamesWith(extra: Iterable<string>): string[] {
  return [...new Set([...BUILTIN_PROVIDERS, ...extra])];
}

export interface ValidationReport {
  root: string;
  ok: boolean;
  errors: number;
  warnings: number;
  /** Sorted by file, line, column. */
  diagnostics: Diagnostic[];
  /** The typed model; present only when there are no errors. */
  workspace?: Workspace;
}

function located<T>(
  file: CheckedFile<InfraFile>,
  key: 'servers' | 'taskservs' | 'clusters',
  items: T[] | undefined,
): Located<T>[] {
  return (items ?? []).map((value, index) => ({ value, parsed: file.parsed, path: [key, index] }));
}

function collectEntries(infra: InfraFiles): InfraEntries {
  return {
    servers: infra.files.flatMap((f) => located<ServerSpec>(f, 'servers', f.value.servers)),
    taskservs: infra.files.flatMap((f) => located<TaskservSpec>(f, 'taskservs', f.value.taskservs)),
    clusters: infra.files.flatMap((f) => located<ClusterSpec>(f, 'clusters', f.value.clusters)),
    invalidNames: new Set(infra.files.flatMap((f) => [...(f.partial?.invalidNames ?? [])])),
  };
}

function mergeInfraSettings(infra: InfraFiles, out: Diagnostic[]): PartialSettings {
  const merged: Record<string, Record<string, unknown>> = {};
  const setAt = new Map<string, CheckedFile<InfraFile>>();
  for (const file of infra.files) {
    for (const [section, values] of Object.entries(file.value.settings ?? {})) {
      for (const [key, value] of Object.entries(values ?? {})) {
        const earlier = setAt.get(`${section}.${key}`);
        if (earlier) {
          out.push(
            diagnosticAt(
              file.parsed,
              ['settings', section, key],
              'error',
              'duplicate-setting',
              `settings ${section}.${key} is already set in ${earlier.parsed.file}; set it in one file`,
            ),
          );
          continue;
        }
        setAt.set(`${section}.${key}`, file);
        (merged[section] ??= {})[key] = value;
      }
    }
  }
  return merged as PartialSettings;
}

interface ParamsContext {
  interpolation: InterpolationContext;
  /** Absent when provisioning.yaml could not be parsed at all. */
  workspaceFile?: CheckedFile<WorkspaceFile>;
  lookup?: TaskservLookup;
  providers: readonly string[];
}

function resolveTaskserv(entry: Located<TaskservSpec>, ctx: ParamsContext, out: Diagnostic[]): TaskservRef {
  const name = entry.value.taskserv ?? entry.value.name;
  const found = ctx.lookup?.(name, entry.value.version);
  const info = found && 'paramsSchema' in found ? found : undefined;
  const workspaceLayer: ParamsFileLayer = ctx.workspaceFile
    ? {
        values: ctx.workspaceFile.value.taskserv_params?.[name],
        parsed: ctx.workspaceFile.parsed,
        basePath: ['taskserv_params', name],
      }
    : { values: undefined, parsed: entry.parsed, basePath: [...entry.path, 'params'] };
  const infraLayer: ParamsFileLayer = {
    values: entry.value.params,
    parsed: entry.parsed,
    basePath: [...entry.path, 'params'],
  };
  const resolved = layerTaskservParams(info?.defaults, workspaceLayer, infraLayer);
  if (found && 'versionMismatch' in found) {
    out.push(
      diagnosticAt(
        entry.parsed,
        [...entry.path, 'version'],
        'error',
        'taskserv-version',
        `${found.versionMismatch}; change the range or install a matching version (provisioning extension install ${name}@${entry.value.version ?? '*'})`,
      ),
    );
  } else if (ctx.lookup && !info) {
    out.push(
      diagnosticAt(
        entry.parsed,
        [...entry.path, entry.value.taskserv ? 'taskserv' : 'name'],
        'warning',
        'unknown-taskserv',
        `taskserv "${name}" is not provided by any installed extension, so its params are not checked`,
      ),
    );
  } else if (info) {
    const expand = (values: Record<string, unknown>) => expandPublicReferences(values, ctx.interpolation);
    out.push(...validateTaskservParams(resolved, info.paramsSchema, workspaceLayer, infraLayer, expand));
  }
  return {
    ...entry.value,
    taskserv: name,
    params: entry.value.params ?? {},
    depends_on: entry.value.depends_on ?? [],
    source: locationOf(entry.parsed, entry.path),
    resolved,
  };
}

function checkProviders(entries: InfraEntries, providers: readonly string[], out: Diagnostic[]): void {
  for (const server of entries.servers) {
    const provider = server.value.provider;
    if (provider === undefined || providers.includes(provider)) continue;
    out.push(
      diagnosticAt(
        server.parsed,
        [...server.path, 'provider'],
        'error',
        'unknown-provider',
        `no provider named "${provider}" (known providers: ${providers.join(', ')}; a cloud provider needs its extension)${didYouMean(provider, providers)}`,
      ),
    );
  }
}

function buildInfra(
  infra: InfraFiles,
  ctx: ParamsContext,
  interpolation: InterpolationContext,
  out: Diagnostic[],
): Infra {
  const entries = collectEntries(infra);
  out.push(...checkCrossReferences(entries));
  checkProviders(entries, ctx.providers, out);
  const infraInterpolation = { ...interpolation, infra: { name: infra.name } };
  for (const file of infra.files)
    out.push(...checkStringReferences(file.parsed, file.value, infraInterpolation));
  const infraCtx: ParamsContext = { ...ctx, interpolation: infraInterpolation };
  const servers: Server[] = entries.servers.map((s) => ({
    ...expandServerFields(s, infraInterpolation, out),
    provider: s.value.provider ?? 'static',
    labels: s.value.labels ?? {},
    source: locationOf(s.parsed, s.path),
  }));
  const clusters: Cluster[] = entries.clusters.map((c) => ({
    ...c.value,
    source: locationOf(c.parsed, c.path),
  }));
  return {
    name: infra.name,
    dir: infra.dir,
    files: infra.fileNames,
    servers,
    taskservs: entries.taskservs.map((t) => resolveTaskserv(t, infraCtx, out)),
    clusters,
    settings: mergeInfraSettings(infra, out),
  };
}

function missingWorkspace(root: string): Diagnostic {
  return {
    file: WORKSPACE_FILE,
    line: 1,
    col: 1,
    severity: 'error',
    path: '',
    message: `no ${WORKSPACE_FILE} in ${root}; run \`provisioning workspace init\` there, or point --workspace at the directory that has it`,
    code: 'missing-workspace',
  };
}

/**
 * Reads and checks a whole workspace and reports every problem, each with file:line:col: YAML
 * syntax, schema violations (with "did you mean" for unknown keys), duplicate names, references to
 * servers or taskservs that do not exist, dependency cycles, bad `{{...}}` references, and taskserv
 * params against their extension's schema. Never throws for bad content.
 */
export function validateWorkspace(rootDir: string, options: ValidateOptions = {}): ValidationReport {
  const root = resolve(rootDir);
  const diagnostics: Diagnostic[] = [];
  let workspace: Workspace | undefined;
  if (existsSync(join(root, WORKSPACE_FILE))) workspace = checkWorkspace(root, options, diagnostics);
  else diagnostics.push(missingWorkspace(root));
  const sorted = sortDiagnostics(diagnostics);
  const { errors, warnings } = countBySeverity(sorted);
  return {
    root,
    ok: errors === 0,
    errors,
    warnings,
    diagnostics: sorted,
    workspace: errors === 0 ? workspace : undefined,
  };
}

/** The given secret store, or the default one, whose files are then checked too. */
function secretsFor(
  root: string,
  env: NodeJS.ProcessEnv,
  options: ValidateOptions,
  out: Diagnostic[],
): SecretStore {
  if (options.secrets) return options.secrets;
  const files = defaultSecretsFiles(root, env);
  out.push(...checkSecretsFiles(files, root));
  return createSecretStore({ env, files });
}

function checkWorkspace(root: string, options: ValidateOptions, out: Diagnostic[]): Workspace | undefined {
  const files = readWorkspaceFiles(root, { infra: options.infra, limits: options.limits });
  out.push(...files.diagnostics, ...checkStateDirIgnored(root));
  const workspaceFile = files.workspaceFile;
  const env = options.env ?? process.env;
  const interpolation: InterpolationContext = {
    env,
    workspace: { name: workspaceFile?.value.name ?? 'workspace' },
    secrets: secretsFor(root, env, options, out),
  };
  if (workspaceFile)
    out.push(...checkStringReferences(workspaceFile.parsed, workspaceFile.value, interpolation));
  // Infras are checked even when provisioning.yaml is broken, so one run reports every problem.
  const ctx: ParamsContext = {
    workspaceFile,
    lookup: options.taskservLookup,
    interpolation,
    providers: options.providers ?? BUILTIN_PROVIDERS,
  };
  const infras = Object.fromEntries(
    files.infras.map((infra) => [infra.name, buildInfra(infra, ctx, interpolation, out)]),
  );
  if (!workspaceFile) return undefined;
  const value = workspaceFile.value;
  return {
    root,
    name: value.name,
    description: value.description,
    default_infra: value.default_infra,
    registries: value.registries ?? [],
    settings: value.settings ?? {},
    taskserv_params: value.taskserv_params ?? {},
    infras,
  };
}

/** The validated model, or a WorkspaceInvalidError listing every error. Warnings are returned too. */
export function loadWorkspace(
  rootDir: string,
  options: ValidateOptions = {},
): { workspace: Workspace; warnings: Diagnostic[] } {
  const report = validateWorkspace(rootDir, options);
  if (!report.workspace) throw new WorkspaceInvalidError(report.diagnostics);
  return {
    workspace: report.workspace,
    warnings: report.diagnostics.filter((d) => d.severity === 'warning'),
  };
}

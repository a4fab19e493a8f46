import {
  createSecretStore,
  defaultSecretsFiles,
  type Infra,
  loadWorkspace,
  type Workspace,
  WorkspaceInvalidError as ConfigWorkspaceInvalidError,
} from '@provisioning/config';
import type { TaskservDefinition } from '@provisioning/sdk';
import { InfraNotFoundError, WorkspaceInvalidError } from '../errors';
import { resolveEngineSettings } from './engine-settings';
import { InfraHandle } from './infra-handle';
import { infraDirectories, locateWorkspace } from './locate-workspace';
import { statePathOf } from './open-state';

export interface OpenInfraOptions {
  /** The workspace root, or any directory inside it. */
  workspace: string;
  /** Default: the workspace's default_infra, or its only infra. */
  infra?: string;
  /** For `{{env.X}}` and secrets from `PROVISIONING_SECRET_*` (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Settings overrides by dotted key (`run.parallelism`), the highest layer (origin "flag"). */
  overrides?: Record<string, unknown>;
  /** Trust and record host keys not yet known, for this handle (a changed key still fails). */
  acceptNewHostKeys?: boolean;
  /** Taskserv definitions by name (or a list of them): the ones entries of the infra run. */
  taskservs?: ReadonlyMap<string, TaskservDefinition> | Iterable<TaskservDefinition>;
}

/**
 * Loads provisioning.yaml and infra/<name>/*.yaml, validates them, and resolves settings once.
 * Throws WorkspaceInvalidError (with `.diagnostics`) or InfraNotFoundError. The state store and the
 * SSH pool open lazily, on the first call that needs them.
 */
export async function openInfra(options: OpenInfraOptions): Promise<InfraHandle> {
  const root = locateWorkspace(options.workspace);
  const env = options.env ?? process.env;
  const secrets = createSecretStore({ env, files: defaultSecretsFiles(root, env) });
  const { workspace, warnings } = load(root, env, secrets);
  const infra = chooseInfra(workspace, options.infra);
  const { settings, diagnostics } = resolveEngineSettings({ workspaceRoot: root, infra: infra.name, env, overrides: options.overrides });
  return new InfraHandle({
    workspace,
    infra,
    settings,
    diagnostics: [...warnings, ...diagnostics],
    secrets,
    env,
    statePath: statePathOf(root, settings.state.path),
    taskservs: byName(options.taskservs),
    acceptNewHostKeys: options.acceptNewHostKeys ?? false,
  });
}

export interface InfraSummary {
  name: string;
  servers: number;
  taskservs: number;
  /** Whether openInfra picks it when no infra is named. */
  default: boolean;
}

/** The infras of a workspace with their size; throws WorkspaceInvalidError when it does not load. */
export async function listInfras(options: { workspace: string; env?: NodeJS.ProcessEnv }): Promise<InfraSummary[]> {
  const root = locateWorkspace(options.workspace);
  const env = options.env ?? process.env;
  const { workspace } = load(root, env, createSecretStore({ env, files: defaultSecretsFiles(root, env) }));
  const fallback = defaultInfraName(workspace);
  return Object.values(workspace.infras)
    .map((infra) => ({ name: infra.name, servers: infra.servers.length, taskservs: infra.taskservs.length, default: infra.name === fallback }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The infra directory names of a workspace, without loading them. */
export function infraNames(workspace: string): string[] {
  return infraDirectories(locateWorkspace(workspace));
}

function load(root: string, env: NodeJS.ProcessEnv, secrets: ReturnType<typeof createSecretStore>) {
  try {
    return loadWorkspace(root, { env, secrets });
  } catch (error) {
    if (error instanceof ConfigWorkspaceInvalidError) throw new WorkspaceInvalidError(error.message, error.diagnostics);
    throw error;
  }
}

function defaultInfraName(workspace: Workspace): string | undefined {
  const names = Object.keys(workspace.infras);
  return workspace.default_infra ?? (names.length === 1 ? names[0] : undefined);
}

function chooseInfra(workspace: Workspace, requested: string | undefined): Infra {
  const names = Object.keys(workspace.infras);
  const name = requested ?? defaultInfraName(workspace);
  if (!name) {
    throw new InfraNotFoundError(
      `the workspace has ${names.length ? `several infras (${names.join(', ')})` : 'no infra'} and no default_infra`,
      names.length ? 'pass --infra NAME, or set default_infra in provisioning.yaml' : 'add infra/<name>/servers.yaml',
    );
  }
  const infra = workspace.infras[name];
  if (!infra) throw new InfraNotFoundError(`no infra "${name}" in ${workspace.root}/infra`, `infras: ${names.join(', ') || 'none'}`);
  return infra;
}

function byName(taskservs: OpenInfraOptions['taskservs']): ReadonlyMap<string, TaskservDefinition> {
  if (!taskservs) return new Map();
  if (taskservs instanceof Map) return taskservs;
  return new Map([...(taskservs as Iterable<TaskservDefinition>)].map((definition) => [definition.name, definition]));
}

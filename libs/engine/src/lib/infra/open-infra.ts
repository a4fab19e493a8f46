import {
  providerNamesWith,
  createSecretStore,
  defaultSecretsFiles,
  type Infra,
  loadWorkspace,
  type Workspace,
  WorkspaceInvalidError as ConfigWorkspaceInvalidError,
} from '@provisioning/config';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { existsSync } from 'node:fs';
import { withCreatedServers } from '../servers/server-access';
import { InfraNotFoundError, WorkspaceInvalidError } from '../errors';
import { resolveEngineSettings } from './engine-settings';
import { type AcceptedHostKey, InfraHandle } from './infra-handle';
import { infraDirectories, locateWorkspace } from './locate-workspace';
import { openStore, statePathOf } from './open-state';
import { resolveInfraTaskservs } from './resolve-taskservs';

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
  /**
   * Called for each host key trusted on first use and recorded (with acceptNewHostKeys or
   * ssh.strict_host_key_checking: accept-new), so a front door can show what it trusted.
   */
  onHostKeyAccepted?: (key: AcceptedHostKey) => void;
  /**
   * Taskserv definitions by name (or a list of them) the front door ships (its built-ins). Each
   * entry resolves by name and `version` range from the workspace's linked extensions,
   * `.provisioning/extensions/`, the user's `~/.provisioning/extensions/`, then these.
   */
  taskservs?: ReadonlyMap<string, TaskservDefinition> | Iterable<TaskservDefinition>;
  /** Provider definitions by name: the ones servers with `provider: NAME` are created by. */
  providers?: ReadonlyMap<string, ProviderDefinition> | Iterable<ProviderDefinition>;
  /** Cluster extensions by name: the ones clusters with `cluster: NAME` are built by. */
  clusters?: ReadonlyMap<string, ClusterDefinition> | Iterable<ClusterDefinition>;
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
  const providers = byName(options.providers);
  const { workspace, warnings } = load(root, env, secrets, providerNames(providers));
  const loaded = chooseInfra(workspace, options.infra);
  const { settings, diagnostics } = resolveEngineSettings({
    workspaceRoot: root,
    infra: loaded.name,
    env,
    overrides: options.overrides,
  });
  const statePath = statePathOf(root, settings.state.path);
  const infra = await withCreatedAddresses(loaded, statePath);
  return new InfraHandle({
    workspace,
    infra,
    settings,
    diagnostics: [...warnings, ...diagnostics],
    secrets,
    env,
    statePath,
    taskservs: resolveInfraTaskservs(root, infra, env, byName(options.taskservs)),
    providers,
    clusters: byName(options.clusters),
    acceptNewHostKeys: options.acceptNewHostKeys ?? false,
    onHostKeyAccepted: options.onHostKeyAccepted,
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
export async function listInfras(options: {
  workspace: string;
  env?: NodeJS.ProcessEnv;
  /** Providers servers may name besides the built-in ones (as openInfra takes them). */
  providers?: ReadonlyMap<string, ProviderDefinition> | Iterable<ProviderDefinition>;
}): Promise<InfraSummary[]> {
  const root = locateWorkspace(options.workspace);
  const env = options.env ?? process.env;
  const secrets = createSecretStore({ env, files: defaultSecretsFiles(root, env) });
  const { workspace } = load(root, env, secrets, providerNames(byName(options.providers)));
  const fallback = defaultInfraName(workspace);
  return Object.values(workspace.infras)
    .map((infra) => ({
      name: infra.name,
      servers: infra.servers.length,
      taskservs: infra.taskservs.length,
      default: infra.name === fallback,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The infra directory names of a workspace, without loading them. */
export function infraNames(workspace: string): string[] {
  return infraDirectories(locateWorkspace(workspace));
}

/** The provider names a server may use: the built-in ones and every provider given to openInfra. */
function providerNames(providers: ReadonlyMap<string, unknown>): string[] {
  return providerNamesWith(providers.keys());
}

function load(
  root: string,
  env: NodeJS.ProcessEnv,
  secrets: ReturnType<typeof createSecretStore>,
  providers?: readonly string[],
) {
  try {
    return loadWorkspace(root, { env, secrets, providers });
  } catch (error) {
    if (error instanceof ConfigWorkspaceInvalidError)
      throw new WorkspaceInvalidError(error.message, error.diagnostics);
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
      names.length
        ? 'pass --infra NAME, or set default_infra in provisioning.yaml'
        : 'add infra/<name>/servers.yaml',
    );
  }
  const infra = workspace.infras[name];
  if (!infra)
    throw new InfraNotFoundError(
      `no infra "${name}" in ${workspace.root}/infra`,
      `infras: ${names.join(', ') || 'none'}`,
    );
  return infra;
}

function byName<T extends { name: string }>(
  definitions: ReadonlyMap<string, T> | Iterable<T> | undefined,
): ReadonlyMap<string, T> {
  if (!definitions) return new Map();
  if (definitions instanceof Map) return definitions;
  return new Map([...(definitions as Iterable<T>)].map((definition) => [definition.name, definition]));
}

/** Servers a provider created are reached at the address it reported (read once; nothing is created here). */
async function withCreatedAddresses(infra: Infra, statePath: string): Promise<Infra> {
  if (!existsSync(statePath)) return infra;
  const store = openStore(statePath);
  try {
    return withCreatedServers(infra, await store.listServers(infra.name));
  } finally {
    await store.close();
  }
}

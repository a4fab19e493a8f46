import {
  createSecretStore,
  defaultSecretsFiles,
  type Infra,
  loadWorkspace,
  resolveSettings,
  type Settings,
  type Workspace,
  WorkspaceInvalidError,
} from '@provisioning/config';
import { EngineError, openPool, type RunContext } from '@provisioning/engine';
import type { ConnectionPool } from '@provisioning/remote';
import type { TaskservDefinition } from '@provisioning/sdk';
import { type StateStore, SqliteStateStore } from '@provisioning/store';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext } from '../cli/command-definition';
import { CliError } from '../cli/errors';
import { workspaceRootFor } from './workspace-root';
import { taskservsForInfra, workspaceCatalog } from './workspace-extensions';
import { parseNameList, parseServerSelection } from './server-selection';

export interface InfraSessionOptions {
  infra?: string;
  servers?: string;
  taskservs?: string;
  acceptNewHostKeys?: boolean;
  parallel?: number;
}

/** A loaded workspace, one infra of it, its settings, state store and connection pool. */
export interface InfraSession {
  root: string;
  workspace: Workspace;
  infra: Infra;
  settings: Settings;
  store: StateStore;
  pool: ConnectionPool;
  servers?: ReadonlySet<string>;
  taskservs?: ReadonlySet<string>;
  taskservDefinitions: ReadonlyMap<string, TaskservDefinition>;
  runContext(action: RunContext['action'], extra?: Partial<RunContext>): RunContext;
  close(): Promise<void>;
}

export async function openInfraSession(ctx: CommandContext, options: InfraSessionOptions): Promise<InfraSession> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  const secrets = createSecretStore({ env: ctx.env, files: defaultSecretsFiles(root, ctx.env) });
  const workspace = load(root, ctx.env, secrets);
  const infra = chooseInfra(workspace, options.infra);
  const definitions = resolveDefinitions(ctx, root, infra);
  const flags: Record<string, unknown> = options.parallel !== undefined ? { 'run.parallelism': options.parallel } : {};
  const { settings } = resolveSettings({ workspaceRoot: root, infra: infra.name, env: ctx.env, flags });
  const statePath = resolve(root, settings.state.path ?? '.provisioning/state.db');
  mkdirSync(dirname(statePath), { recursive: true });
  const store = SqliteStateStore.open(statePath);
  let pool: ConnectionPool;
  try {
    pool = openPool(infra, { settings, workspaceRoot: root, acceptNewHostKeys: options.acceptNewHostKeys });
  } catch (error) {
    await store.close();
    throw asCliError(error);
  }
  const servers = parseServerSelection(infra, options.servers);
  const taskservs = parseNameList(options.taskservs);
  return {
    root,
    workspace,
    infra,
    settings,
    store,
    pool,
    servers,
    taskservs,
    taskservDefinitions: definitions,
    runContext: (action, extra = {}) => ({
      infra,
      workspaceName: workspace.name,
      resolveTaskserv: (entry) => definitions.get(entry.taskserv),
      executorFor: (server) => pool.executor(server),
      action,
      servers,
      taskservs,
      parallel: settings.run.parallelism ?? 10,
      env: ctx.env,
      secrets,
      baseDir: root,
      timeoutMs: settings.run.timeout ? settings.run.timeout * 1000 : undefined,
      store,
      ...extra,
    }),
    close: async () => {
      await pool.close();
      await store.close();
    },
  };
}

function load(root: string, env: NodeJS.ProcessEnv, secrets: ReturnType<typeof createSecretStore>): Workspace {
  try {
    return loadWorkspace(root, { env, secrets }).workspace;
  } catch (error) {
    if (error instanceof WorkspaceInvalidError) {
      throw new CliError(error.message, "fix the errors above; 'provisioning validate' lists every one");
    }
    throw error;
  }
}

function chooseInfra(workspace: Workspace, requested: string | undefined): Infra {
  const names = Object.keys(workspace.infras);
  const name = requested ?? workspace.default_infra ?? (names.length === 1 ? names[0] : undefined);
  if (!name) {
    throw new CliError(
      `the workspace has ${names.length ? `several infras (${names.join(', ')})` : 'no infra'} and no default_infra`,
      names.length ? 'pass --infra NAME, or set default_infra in provisioning.yaml' : 'add infra/<name>/servers.yaml',
    );
  }
  const infra = workspace.infras[name];
  if (!infra) throw new CliError(`no infra "${name}" in ${workspace.root}/infra`, `infras: ${names.join(', ') || 'none'}`);
  return infra;
}

/** Engine and remote errors carry their own hint; keep it. */
/** The definitions the infra's entries resolve to (linked, installed, built-in); a broken extension is reported as a CLI error. */
function resolveDefinitions(ctx: CommandContext, root: string, infra: Infra): ReadonlyMap<string, TaskservDefinition> {
  try {
    return taskservsForInfra(workspaceCatalog(root, ctx.env, ctx.taskservs), infra);
  } catch (error) {
    throw asCliError(error);
  }
}

export function asCliError(error: unknown): unknown {
  if (error instanceof EngineError) return new CliError(error.message, error.hint);
  if (error instanceof Error && 'hint' in error && typeof error.hint === 'string') return new CliError(error.message, error.hint);
  return error;
}

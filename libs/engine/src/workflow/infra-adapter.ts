import { createSecretStore, defaultSecretsFiles, type Infra, loadWorkspace, resolveSettings, selectServers } from '@provisioning/config';
import { CommandAbortedError, CommandTimeoutError, type ConnectionPool } from '@provisioning/remote';
import type { TaskservDefinition } from '@provisioning/sdk';
import { SqliteStateStore, type StateStore } from '@provisioning/store';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EngineError } from '../lib/errors';
import { openPool } from '../lib/hosts/open-pool';
import { apply } from '../lib/run/apply';
import type { EngineEventListener, RunAction } from '../lib/run/engine-events';
import type { RunResult } from '../lib/run/run-result';

/**
 * The one file between workflow steps and the engine API (ENGINE-API.md): the calls a step makes
 * on an opened infra, with the contract's names. While `openInfra` is being built (issue 9) this
 * file assembles the same calls from the engine's parts; when it lands, `openWorkflowInfra`
 * becomes `openInfra(...)` and nothing else of the runner changes.
 */
export interface WorkflowInfra {
  readonly name: string;
  runCommand(command: string, options: { servers?: string; sudo?: boolean; timeoutMs?: number; signal?: AbortSignal }): Promise<CommandResult>;
  apply(request: { servers?: string; taskservs?: readonly string[]; action: RunAction }, options: { signal?: AbortSignal; onEvent?: EngineEventListener }): Promise<RunResult>;
  close(): Promise<void>;
}

export interface CommandHostResult {
  host: string;
  /** Exit code; null when the command never finished (unreachable host, timeout, abort). */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  error?: { message: string; class: 'connection' | 'timeout' | 'cancelled' };
}

export interface CommandResult {
  command: string;
  hosts: CommandHostResult[];
  ok: number;
  failed: number;
}

export interface OpenWorkflowInfraOptions {
  workspace: string;
  infra?: string;
  env?: NodeJS.ProcessEnv;
  acceptNewHostKeys?: boolean;
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
}

/** Keeps at most this much of each stream per host in a step's outputs. */
const OUTPUT_TAIL = 4096;

export async function openWorkflowInfra(options: OpenWorkflowInfraOptions): Promise<WorkflowInfra> {
  const root = resolve(options.workspace);
  const env = options.env ?? process.env;
  const secrets = createSecretStore({ env, files: defaultSecretsFiles(root, env) });
  const { workspace } = loadWorkspace(root, { env, secrets });
  const names = Object.keys(workspace.infras);
  const name = options.infra ?? workspace.default_infra ?? (names.length === 1 ? names[0] : undefined);
  const infra = name ? workspace.infras[name] : undefined;
  if (!infra) {
    throw new EngineError(
      name ? `The workspace ${root} has no infra "${name}"` : `The workspace ${root} has several infras and no default_infra`,
      `infras: ${names.join(', ') || 'none'}; name one with infra: in the operation`,
    );
  }
  const { settings } = resolveSettings({ workspaceRoot: root, infra: infra.name, env });
  let pool: ConnectionPool | undefined;
  let store: StateStore | undefined;
  const connections = () => (pool ??= openPool(infra, { settings, workspaceRoot: root, acceptNewHostKeys: options.acceptNewHostKeys }));
  const state = () => {
    if (!store) {
      const path = resolve(root, settings.state.path ?? '.provisioning/state.db');
      mkdirSync(dirname(path), { recursive: true });
      store = SqliteStateStore.open(path);
    }
    return store;
  };
  const definitions = options.taskservs ?? new Map<string, TaskservDefinition>();
  return {
    name: infra.name,
    async runCommand(command, call) {
      const hosts = [...selection(infra, call.servers ?? 'all')];
      const results = await Promise.all(hosts.map((host) => runOnHost(connections(), host, command, call)));
      const ok = results.filter((result) => result.code === 0).length;
      return { command, hosts: results, ok, failed: results.length - ok };
    },
    async apply(request, call) {
      return apply({
        infra,
        workspaceName: workspace.name,
        resolveTaskserv: (entry) => definitions.get(entry.taskserv),
        executorFor: (server) => connections().executor(server),
        action: request.action,
        servers: request.servers === undefined ? undefined : selection(infra, request.servers),
        taskservs: request.taskservs ? new Set(request.taskservs) : undefined,
        parallel: settings.run.parallelism ?? 10,
        env,
        secrets,
        baseDir: root,
        timeoutMs: settings.run.timeout ? settings.run.timeout * 1000 : undefined,
        signal: call.signal,
        onEvent: call.onEvent,
        store: state(),
      });
    },
    async close() {
      await pool?.close();
      await store?.close();
    },
  };
}

/** `web-1,web-2` (names), `role=web` (labels, all must match), both, or `all`. */
function selection(infra: Infra, text: string): ReadonlySet<string> {
  if (text === 'all') return new Set(infra.servers.map((server) => server.name));
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const names = items.filter((item) => !item.includes('='));
  const labels = Object.fromEntries(items.filter((item) => item.includes('=')).map((item) => item.split('=', 2) as [string, string]));
  const unknown = names.filter((name) => !infra.servers.some((server) => server.name === name));
  if (unknown.length > 0) {
    throw new EngineError(`infra "${infra.name}" has no server ${unknown.map((item) => `"${item}"`).join(', ')}`, `servers: ${infra.servers.map((server) => server.name).join(', ') || 'none'}`);
  }
  const selected = selectServers(infra, { servers: names, selector: labels });
  if (selected.length === 0) throw new EngineError(`servers: ${text} selects no server of infra "${infra.name}"`, "list them with 'provisioning server list'");
  return new Set(selected.map((server) => server.name));
}

async function runOnHost(pool: ConnectionPool, host: string, command: string, call: { sudo?: boolean; timeoutMs?: number; signal?: AbortSignal }): Promise<CommandHostResult> {
  const started = performance.now();
  try {
    const result = await pool.exec(host, command, { sudo: call.sudo, timeoutMs: call.timeoutMs, signal: call.signal });
    return { host, code: result.code, stdout: tail(result.stdout), stderr: tail(result.stderr), durationMs: Math.round(result.durationMs) };
  } catch (error) {
    const partial = (error as { partial?: { stdout: string; stderr: string } }).partial;
    const errorClass = error instanceof CommandTimeoutError ? 'timeout' : error instanceof CommandAbortedError ? 'cancelled' : 'connection';
    return {
      host,
      code: null,
      stdout: tail(partial?.stdout ?? ''),
      stderr: tail(partial?.stderr ?? ''),
      durationMs: Math.round(performance.now() - started),
      error: { message: error instanceof Error ? error.message : String(error), class: errorClass },
    };
  }
}

function tail(text: string): string {
  return text.length > OUTPUT_TAIL ? `…${text.slice(-OUTPUT_TAIL)}` : text;
}

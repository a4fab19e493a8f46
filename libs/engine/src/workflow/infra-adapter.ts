import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import type { ClusterCreateResult, ClusterDeleteResult } from '../lib/clusters/cluster-operations';
import type { AdHocEvent, AdHocHostResult } from '../lib/infra/ad-hoc-command';
import type { ServerCreateResult } from '../lib/servers/create-servers';
import type { ServerDeleteResult } from '../lib/servers/delete-servers';
import type { ServerEventListener } from '../lib/servers/server-context';
import { openInfra } from '../lib/infra/open-infra';
import type { EngineEventListener, RunAction } from '../lib/run/engine-events';
import type { RunResult } from '../lib/run/run-result';

/**
 * The one file between workflow steps and the engine API (ENGINE-API.md): the calls a step makes
 * on an opened infra (`openInfra`'s InfraHandle), with what the runner needs added, the failure
 * class of each host's result for retry policies. Outputs arrive redacted by the engine.
 */
export interface WorkflowInfra {
  readonly name: string;
  runCommand(
    command: string,
    options: {
      servers?: string;
      sudo?: boolean;
      timeoutMs?: number;
      signal?: AbortSignal;
      /** Each line of a host's output as it arrives, redacted. */
      onEvent?: (event: AdHocEvent) => void;
    },
  ): Promise<CommandResult>;
  apply(
    request: { servers?: string; taskservs?: readonly string[]; action: RunAction },
    options: { signal?: AbortSignal; onEvent?: EngineEventListener },
  ): Promise<RunResult>;
  /** Creates the named provider servers (all of the infra's when none are named); existing ones are left as they are. */
  createServers(
    names: readonly string[] | undefined,
    options: { signal?: AbortSignal; onEvent?: ServerEventListener },
  ): Promise<ServerCreateResult>;
  /** Deletes the named servers; refuses, before touching anything, any that provisioning did not create. */
  deleteServers(
    names: readonly string[],
    options: { signal?: AbortSignal; onEvent?: ServerEventListener },
  ): Promise<ServerDeleteResult>;
  clusterCreate(
    name: string,
    options: { signal?: AbortSignal; onEvent?: ServerEventListener; onRunEvent?: EngineEventListener },
  ): Promise<ClusterCreateResult>;
  clusterDelete(
    name: string,
    options: { signal?: AbortSignal; onEvent?: ServerEventListener; onRunEvent?: EngineEventListener },
  ): Promise<ClusterDeleteResult>;
  close(): Promise<void>;
}

export interface CommandHostResult {
  host: string;
  /** Exit code; null when the command never finished (unreachable host, timeout, abort). */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  error?: { message: string; hint?: string; class: 'connection' | 'timeout' | 'cancelled' };
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
  /** Providers that server_create, server_delete and cluster steps create servers with. */
  providers?: ReadonlyMap<string, ProviderDefinition>;
  clusters?: ReadonlyMap<string, ClusterDefinition>;
}

/** Keeps at most this much of each stream per host in a step's outputs. */
const OUTPUT_TAIL = 4096;

export async function openWorkflowInfra(options: OpenWorkflowInfraOptions): Promise<WorkflowInfra> {
  const infra = await openInfra({
    workspace: options.workspace,
    infra: options.infra,
    env: options.env,
    acceptNewHostKeys: options.acceptNewHostKeys,
    taskservs: options.taskservs,
    providers: options.providers,
    clusters: options.clusters,
  });
  return {
    name: infra.name,
    async runCommand(command, call) {
      const result = await infra.runCommand(command, {
        servers: call.servers,
        sudo: call.sudo,
        timeoutMs: call.timeoutMs,
        signal: call.signal,
        onEvent: call.onEvent,
      });
      return {
        command: result.command,
        ok: result.ok,
        failed: result.failed,
        hosts: result.hosts.map(hostResult),
      };
    },
    apply: (request, call) =>
      infra.apply(
        {
          servers: request.servers,
          taskservs: request.taskservs,
          action: request.action,
          signal: call.signal,
        },
        { signal: call.signal, onEvent: call.onEvent },
      ),
    createServers: (names, call) => infra.createServers(names, call),
    deleteServers: async (names, call) => infra.deleteServers(await infra.planServerDelete(names), call),
    clusterCreate: (name, call) => infra.clusterCreate(name, call),
    clusterDelete: (name, call) => infra.clusterDelete(name, call),
    close: () => infra.close(),
  };
}

function hostResult(host: AdHocHostResult): CommandHostResult {
  const { host: name, code, stdout, stderr, durationMs, error } = host;
  return {
    host: name,
    code,
    stdout: tail(stdout),
    stderr: tail(stderr),
    durationMs,
    ...(error
      ? {
          error: {
            ...error,
            class: /^timed out/.test(error.message)
              ? 'timeout'
              : /^interrupted/.test(error.message)
                ? 'cancelled'
                : 'connection',
          },
        }
      : {}),
  };
}

function tail(text: string): string {
  return text.length > OUTPUT_TAIL ? `…${text.slice(-OUTPUT_TAIL)}` : text;
}

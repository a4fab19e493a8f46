import type { WorkflowAction } from '@provisioning/config';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import type { EngineEvent } from '../lib/run/engine-events';
import type { ServerEvent } from '../lib/servers/server-context';
import { StaleHostError } from '../lib/run/plan-staleness';
import { StalePlanError } from '../lib/run/stale-plan-error';
import {
  type CommandResult,
  openWorkflowInfra,
  type OpenWorkflowInfraOptions,
  type WorkflowInfra,
} from './infra-adapter';
import { StepFailure } from './retry-policy';

export interface StepContext {
  workflowId: string;
  stepId: string;
  phase: 'forward' | 'rollback';
  attempt: number;
  /** The workspace the workflow was submitted from (absolute). */
  workspace?: string;
  signal: AbortSignal;
  /** Outputs of the step's dependencies, by id. */
  inputs: Record<string, unknown>;
  /** Live events of the running step (output lines, per-host progress), recorded as workflow events. */
  report?: (event: StepReport) => void;
  /** In the rollback phase: the outputs of the forward step being compensated. */
  compensating?: { outputs?: unknown };
}

/**
 * What a step runs: an action of a workflow file, or a compensation the runner adds by itself
 * (`server_create_undo`: the rollback of a server_create without one of its own, which deletes
 * exactly the servers that step created).
 */
export type StepAction = WorkflowAction | { type: 'server_create_undo'; infra?: string; timeout?: number };

/**
 * What a running step reports as it goes, recorded as workflow events with the same type (and
 * streamed by `GET /v1/workflows/:id/events`): a line of a host's output (redacted by the engine),
 * or a host's progress through an apply.
 */
export type StepReport =
  | { type: 'step-output'; data: { host: string; stream: 'stdout' | 'stderr'; line: string } }
  | {
      type: 'step-progress';
      data:
        | { host: string; event: 'host-started'; wave: number }
        | { host: string; event: 'operation-finished'; operation: string; status: string; summary: string }
        | { host: string; event: 'host-finished'; status: string; changed: number; error?: string }
        | { host: string; event: 'provider-call'; call: string; phase: 'started' | 'finished' | 'failed' }
        | { host: string; event: 'server-progress'; message: string };
    };

/** Runs what one step says on the engine; returns its outputs or throws a StepFailure. */
export interface StepActions {
  run(action: StepAction, ctx: StepContext): Promise<unknown>;
  close(): Promise<void>;
}

export interface EngineStepActionsOptions {
  env?: NodeJS.ProcessEnv;
  acceptNewHostKeys?: boolean;
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  providers?: ReadonlyMap<string, ProviderDefinition>;
  clusters?: ReadonlyMap<string, ClusterDefinition>;
  /** How an infra is opened (default: the engine's own); tests pass a fake engine edge here. */
  openInfra?: (options: OpenWorkflowInfraOptions) => Promise<WorkflowInfra>;
}

/**
 * Steps of type command, apply and taskserv, run through the engine API. An infra is opened once
 * per workspace and infra and kept for later steps (one SSH connection per host for the worker).
 */
export function engineStepActions(options: EngineStepActionsOptions = {}): StepActions {
  const open = options.openInfra ?? openWorkflowInfra;
  const infras = new Map<string, Promise<WorkflowInfra>>();
  const infraFor = (workspace: string | undefined, infra: string | undefined): Promise<WorkflowInfra> => {
    if (!workspace)
      throw new StepFailure(
        'the workflow names no workspace to run in',
        'error',
        'submit it from inside a workspace, or pass --workspace',
      );
    const key = `${workspace}\0${infra ?? ''}`;
    let opened = infras.get(key);
    if (!opened) {
      opened = open({
        workspace,
        infra,
        env: options.env,
        acceptNewHostKeys: options.acceptNewHostKeys,
        taskservs: options.taskservs,
        providers: options.providers,
        clusters: options.clusters,
      });
      opened.catch(() => infras.delete(key));
      infras.set(key, opened);
    }
    return opened;
  };
  return {
    async run(action, ctx) {
      switch (action.type) {
        case 'command': {
          const infra = await infraFor(ctx.workspace, action.infra);
          return commandOutputs(
            await infra.runCommand(action.command, {
              servers: action.servers,
              sudo: action.sudo,
              signal: ctx.signal,
              onEvent: ({ host, stream, line }) =>
                ctx.report?.({ type: 'step-output', data: { host, stream, line } }),
            }),
          );
        }
        case 'apply':
        case 'taskserv': {
          const infra = await infraFor(ctx.workspace, action.infra);
          const request =
            action.type === 'apply'
              ? { servers: action.servers, taskservs: action.taskservs, action: 'install' as const }
              : { servers: action.servers, taskservs: action.taskservs, action: action.action };
          try {
            const result = await infra.apply(request, {
              signal: ctx.signal,
              onEvent: (event) => reportProgress(event, ctx),
            });
            const outputs = {
              runId: result.runId,
              status: result.status,
              changed: result.changed,
              hosts: result.hosts.map((host) => ({
                host: host.host,
                status: host.status,
                changed: host.changed,
                failed: host.failed,
                error: host.error?.message,
              })),
            };
            if (result.status !== 'succeeded') {
              const failed = result.hosts.filter((host) => host.status === 'failed');
              throw new StepFailure(
                `${result.action} ${result.status} on ${failed.length} host(s): ${failed.map((host) => `${host.host}: ${host.error?.message ?? 'failed'}`).join('; ')}`,
                result.status === 'cancelled' ? 'cancelled' : 'exit',
                result.runId ? `provisioning state show ${result.runId}` : undefined,
                outputs,
              );
            }
            return outputs;
          } catch (error) {
            if (error instanceof StalePlanError || error instanceof StaleHostError)
              throw new StepFailure(error.message, 'stale', (error as { hint?: string }).hint);
            throw error;
          }
        }
        case 'server_create':
        case 'server_delete':
        case 'server_create_undo':
        case 'cluster_create':
        case 'cluster_delete':
          return runServerAction(action, await infraFor(ctx.workspace, action.infra), ctx);
        default:
          throw new StepFailure(
            `operations of type ${action.type} are run by the workflow runner, not the engine`,
            'error',
          );
      }
    },
    async close() {
      const opened = [...infras.values()];
      infras.clear();
      await Promise.all(opened.map(async (infra) => (await infra.catch(() => undefined))?.close()));
    },
  };
}

type ServerAction = Extract<
  StepAction,
  { type: 'server_create' | 'server_delete' | 'server_create_undo' | 'cluster_create' | 'cluster_delete' }
>;

/** Steps over the infra's provider servers and clusters; each result is the step's outputs. */
async function runServerAction(
  action: ServerAction,
  infra: WorkflowInfra,
  ctx: StepContext,
): Promise<unknown> {
  const call = {
    signal: ctx.signal,
    onEvent: (event: ServerEvent) =>
      ctx.report?.({
        type: 'step-progress',
        data:
          event.type === 'provider-call'
            ? { host: event.server, event: 'provider-call', call: event.call, phase: event.phase }
            : { host: event.server, event: 'server-progress', message: event.message },
      }),
    onRunEvent: (event: EngineEvent) => reportProgress(event, ctx),
  };
  switch (action.type) {
    case 'server_create': {
      const result = await infra.createServers(action.servers, call);
      const outputs = {
        infra: result.infra,
        servers: result.servers.map(({ name, provider, status, providerId, address, error }) => ({
          name,
          provider,
          status,
          ...(providerId ? { providerId } : {}),
          ...(address ? { address } : {}),
          ...(error ? { error } : {}),
        })),
        created: result.servers.filter((server) => server.status === 'created').map((server) => server.name),
      };
      if (result.failed > 0)
        throw serversFailed(
          'created',
          result.servers,
          outputs,
          'a retry resumes each create where its journal left it (the provider call is idempotent)',
        );
      return outputs;
    }
    case 'server_delete':
    case 'server_create_undo': {
      const names = action.type === 'server_delete' ? action.servers : createdBy(ctx.compensating?.outputs);
      if (names.length === 0) return { infra: infra.name, deleted: [] };
      const result = await infra.deleteServers(names, call);
      const outputs = {
        infra: result.infra,
        deleted: result.servers.filter((server) => server.status === 'deleted').map((server) => server.name),
      };
      if (result.failed > 0) throw serversFailed('deleted', result.servers, outputs);
      return outputs;
    }
    case 'cluster_create': {
      const result = await infra.clusterCreate(action.cluster, call);
      const outputs = {
        infra: result.infra,
        cluster: result.cluster,
        created: (result.servers?.servers ?? [])
          .filter((server) => server.status === 'created')
          .map((server) => server.name),
        drained: result.drained,
        healthy: result.healthy,
        ...(result.run ? { runId: result.run.runId, status: result.run.status } : {}),
      };
      if (!result.healthy || (result.run && result.run.status !== 'succeeded'))
        throw new StepFailure(
          `cluster ${result.cluster} ${result.run && result.run.status !== 'succeeded' ? `roles ${result.run.status}` : 'is not healthy'}`,
          'exit',
          `provisioning cluster status ${result.cluster}`,
          outputs,
        );
      return outputs;
    }
    case 'cluster_delete': {
      const result = await infra.clusterDelete(action.cluster, call);
      return { infra: result.infra, cluster: result.cluster, servers: result.servers };
    }
  }
}

/** A server step that failed on some servers: which, and why, with what it did in its outputs. */
function serversFailed(
  verb: 'created' | 'deleted',
  servers: ReadonlyArray<{ name: string; status: string; error?: string }>,
  outputs: unknown,
  hint?: string,
): StepFailure {
  const failed = servers.filter((server) => server.status === 'failed');
  return new StepFailure(
    `${failed.length} of ${servers.length} server(s) could not be ${verb}: ${failed
      .map((server) => `${server.name}: ${server.error ?? 'failed'}`)
      .join('; ')}`,
    'exit',
    hint,
    outputs,
  );
}

/** The servers a server_create step's outputs say it created. */
function createdBy(outputs: unknown): string[] {
  const created = (outputs as { created?: unknown } | undefined)?.created;
  return Array.isArray(created) ? created.filter((name): name is string => typeof name === 'string') : [];
}

/** The per-host milestones of an apply, as a step's progress events. */
function reportProgress(event: EngineEvent, ctx: StepContext): void {
  if (event.type === 'host-started')
    ctx.report?.({
      type: 'step-progress',
      data: { host: event.host, event: 'host-started', wave: event.wave },
    });
  else if (event.type === 'operation-finished')
    ctx.report?.({
      type: 'step-progress',
      data: {
        host: event.host,
        event: 'operation-finished',
        operation: event.operationId,
        status: event.status,
        summary: event.summary,
      },
    });
  else if (event.type === 'host-finished')
    ctx.report?.({
      type: 'step-progress',
      data: {
        host: event.host,
        event: 'host-finished',
        status: event.status,
        changed: event.changed,
        ...(event.error ? { error: event.error } : {}),
      },
    });
}

/** A command step succeeds when it exited 0 on every host; otherwise the worst host decides the class. */
function commandOutputs(result: CommandResult): unknown {
  const outputs = {
    hosts: result.hosts.map(({ host, code, stdout, stderr, durationMs, error }) => ({
      host,
      code,
      stdout,
      stderr,
      durationMs,
      ...(error ? { error: error.message } : {}),
    })),
  };
  if (result.failed === 0) return outputs;
  const failed = result.hosts.filter((host) => host.code !== 0);
  const classes = failed.map((host) => host.error?.class ?? 'exit');
  const errorClass = classes.includes('cancelled')
    ? 'cancelled'
    : classes.includes('connection')
      ? 'connection'
      : classes.includes('timeout')
        ? 'timeout'
        : 'exit';
  const what = failed
    .map((host) => `${host.host}: ${host.error ? host.error.message.split('\n')[0] : `exit ${host.code}`}`)
    .join('; ');
  throw new StepFailure(
    `${result.failed} of ${result.hosts.length} host(s) failed: ${what}`,
    errorClass,
    undefined,
    outputs,
  );
}

import type { WorkflowAction } from '@provisioning/config';
import type { TaskservDefinition } from '@provisioning/sdk';
import type { EngineEvent } from '../lib/run/engine-events';
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
}

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
        | { host: string; event: 'host-finished'; status: string; changed: number; error?: string };
    };

/** Runs what one step says on the engine; returns its outputs or throws a StepFailure. */
export interface StepActions {
  run(action: WorkflowAction, ctx: StepContext): Promise<unknown>;
  close(): Promise<void>;
}

export interface EngineStepActionsOptions {
  env?: NodeJS.ProcessEnv;
  acceptNewHostKeys?: boolean;
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
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

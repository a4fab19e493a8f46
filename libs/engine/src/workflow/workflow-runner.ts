import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readWorkflowFile, type WorkflowAction, WORKFLOWS_DIR } from '@provisioning/config';
import {
  LeaseLostError,
  type StepLease,
  type StepOutcome,
  TERMINAL_WORKFLOW_STATUSES,
  type WorkflowStore,
} from '@provisioning/store';
import { nextAttemptAt, StepFailure } from './retry-policy';
import type { StepAction, StepActions, StepContext, StepReport } from './step-actions';
import { type StepSpec, toSubmission } from './step-spec';

export interface WorkflowRunnerOptions {
  store: WorkflowStore;
  actions: StepActions;
  /** This worker's name in leases (default host:pid:random). */
  worker?: string;
  /** Steps this worker runs at once (default 8). */
  concurrency?: number;
  /** How long a lease lasts without renewal; renewed every third of it (default 30 s). */
  leaseMs?: number;
  /** How often an idle worker looks for work (default 250 ms); a local submit wakes it at once. */
  pollMs?: number;
  onEvent?: (event: RunnerEvent) => void;
  random?: () => number;
  /**
   * Live events (output lines, per-host progress) recorded per step attempt at most (default
   * 1000); the rest are counted in one `step-output-truncated` event. The step's outputs keep the
   * tail of each host's output either way.
   */
  liveEventsPerStep?: number;
}

/** A line longer than this is cut in a `step-output` event (the step's outputs keep their own tail). */
const MAX_LIVE_LINE = 2000;

export type RunnerEvent =
  | { type: 'step-started'; workflowId: string; stepId: string; phase: string; attempt: number }
  | {
      type: 'step-finished';
      workflowId: string;
      stepId: string;
      phase: string;
      attempt: number;
      outcome: StepOutcome['status'];
      durationMs: number;
      error?: string;
    }
  | { type: 'lease-lost'; workflowId: string; stepId: string }
  | { type: 'runner-error'; message: string };

type AbortReason = 'cancelled' | 'timeout' | 'shutdown';

/** How long a child-workflow step waits between looks at its child. */
const CHILD_POLL_MS = 200;

/**
 * A durable workflow worker over a WorkflowStore: leases runnable steps (the store commits each
 * start before handing it out), runs them through the engine, and commits each result before any
 * dependent can start. Any number of runners may share a store; a runner that dies loses its
 * leases, and another takes the steps over when they expire.
 */
export class WorkflowRunner {
  readonly worker: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /**
   * Steps whose action is still going. A step whose action ended no longer takes a slot while its
   * result is being committed, so the next lease can join that commit (group commit) instead of
   * waiting for it.
   */
  private acting = 0;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: WorkflowRunnerOptions) {
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 250;
  }

  /** Steps this worker is running now. */
  get busy(): number {
    return this.running.size;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.loop = this.run();
  }

  /** Looks for work now instead of at the next poll (after a submit, resume or rollback). */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Stops leasing; running steps are aborted and recorded as interrupted (they run again, from
   * the start, on the next worker), unless they finish within `graceMs`.
   */
  async stop(graceMs = 0): Promise<void> {
    this.stopping = true;
    this.wake();
    if (graceMs > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([this.settled(), new Promise((resolve) => (grace = setTimeout(resolve, graceMs)))]);
      // Steps that settle early must not leave the grace timer holding the process open.
      clearTimeout(grace);
    }
    for (const { controller } of this.running.values()) controller.abort('shutdown' satisfies AbortReason);
    await this.settled();
    await this.loop;
    this.loop = undefined;
    clearInterval(this.heartbeat);
  }

  private async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((step) => step.done));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const room = this.concurrency - this.acting;
      let leases: StepLease[] = [];
      if (room > 0) {
        try {
          leases = await this.options.store.leaseSteps({
            worker: this.worker,
            limit: room,
            leaseMs: this.leaseMs,
          });
        } catch (error) {
          this.emit({ type: 'runner-error', message: `leasing steps failed: ${(error as Error).message}` });
        }
      }
      for (const lease of leases) this.launch(lease);
      if (leases.length === 0 || this.acting >= this.concurrency) await this.idle();
    }
  }

  /** Waits for a poll interval, a finished step or a wake-up, whichever comes first. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private launch(lease: StepLease): void {
    const key = `${lease.workflowId}/${lease.phase}/${lease.stepId}`;
    const controller = new AbortController();
    this.acting++;
    const done = this.execute(lease, controller, () => {
      this.acting--;
      this.wake();
    }).finally(() => {
      // An interrupted or retried step may already run again under a new lease with the same key.
      if (this.running.get(key)?.done === done) this.running.delete(key);
      this.wake();
    });
    this.running.set(key, { controller, done });
  }

  private async execute(lease: StepLease, controller: AbortController, acted: () => void): Promise<void> {
    const started = performance.now();
    this.emit({
      type: 'step-started',
      workflowId: lease.workflowId,
      stepId: lease.stepId,
      phase: lease.phase,
      attempt: lease.attempt,
    });
    const spec =
      (lease.phase === 'forward'
        ? (lease.spec as StepSpec | null)
        : lease.spec === null
          ? null
          : { action: lease.spec as StepAction }) ?? null;
    const timeoutSeconds = spec?.action.timeout;
    const timer = timeoutSeconds
      ? setTimeout(() => controller.abort('timeout' satisfies AbortReason), timeoutSeconds * 1000)
      : undefined;
    const live = this.liveEvents(lease);
    let outcome: StepOutcome;
    try {
      const outputs = spec
        ? await this.perform(spec.action, {
            report: live.report,
            ...(lease.phase === 'rollback' ? { compensating: await this.compensated(lease) } : {}),
            workflowId: lease.workflowId,
            stepId: lease.stepId,
            phase: lease.phase,
            attempt: lease.attempt,
            workspace: lease.workspace,
            signal: controller.signal,
            inputs: lease.inputs,
          })
        : undefined;
      outcome = controller.signal.aborted
        ? this.abortedOutcome(controller.signal.reason as AbortReason, lease, spec)
        : { status: 'succeeded', ...(outputs !== undefined ? { outputs } : {}) };
    } catch (error) {
      outcome = controller.signal.aborted
        ? this.abortedOutcome(controller.signal.reason as AbortReason, lease, spec, error)
        : this.failedOutcome(error, lease, spec);
    } finally {
      clearTimeout(timer);
      acted();
    }
    await live.flush();
    try {
      await this.options.store.completeStep(lease, outcome);
    } catch (error) {
      if (error instanceof LeaseLostError)
        this.emit({ type: 'lease-lost', workflowId: lease.workflowId, stepId: lease.stepId });
      else
        this.emit({
          type: 'runner-error',
          message: `recording step ${lease.stepId} of ${lease.workflowId} failed: ${(error as Error).message}`,
        });
      return;
    }
    this.emit({
      type: 'step-finished',
      workflowId: lease.workflowId,
      stepId: lease.stepId,
      phase: lease.phase,
      attempt: lease.attempt,
      outcome: outcome.status,
      durationMs: Math.round(performance.now() - started),
      ...('error' in outcome ? { error: outcome.error.message } : {}),
    });
  }

  /**
   * Records a running step's live events in order, without holding the step up (group commit
   * batches them); `flush` waits for them, so they come before the step's result in the event log.
   */
  private liveEvents(lease: StepLease): { report: (event: StepReport) => void; flush: () => Promise<void> } {
    const cap = this.options.liveEventsPerStep ?? 1000;
    let recorded = 0;
    let dropped = 0;
    const pending: Array<Promise<unknown>> = [];
    const append = (type: string, data: unknown) => {
      pending.push(
        this.options.store
          .appendEvent(lease.workflowId, { type, stepId: lease.stepId, phase: lease.phase, data })
          .catch((error: Error) =>
            this.emit({
              type: 'runner-error',
              message: `recording output of ${lease.stepId}: ${error.message}`,
            }),
          ),
      );
    };
    return {
      report: (event) => {
        if (recorded >= cap) {
          dropped++;
          return;
        }
        recorded++;
        const data =
          event.type === 'step-output' && event.data.line.length > MAX_LIVE_LINE
            ? { ...event.data, line: `${event.data.line.slice(0, MAX_LIVE_LINE)}…` }
            : event.data;
        append(event.type, { attempt: lease.attempt, ...data });
      },
      flush: async () => {
        if (dropped > 0) append('step-output-truncated', { attempt: lease.attempt, dropped, kept: recorded });
        await Promise.all(pending);
      },
    };
  }

  /** The outputs of the forward step a rollback step compensates (what it created, say). */
  private async compensated(lease: StepLease): Promise<{ outputs?: unknown }> {
    const detail = await this.options.store.getWorkflow(lease.workflowId);
    const forward = detail?.steps.find((step) => step.phase === 'forward' && step.id === lease.stepId);
    return forward?.outputs !== undefined ? { outputs: forward.outputs } : {};
  }

  private perform(action: StepAction, ctx: StepContext): Promise<unknown> {
    if (action.type === 'noop') return Promise.resolve(undefined);
    if (action.type === 'workflow') return this.runChild(action, ctx);
    return this.options.actions.run(action, ctx);
  }

  private abortedOutcome(
    reason: AbortReason,
    lease: StepLease,
    spec: StepSpec | null,
    error?: unknown,
  ): StepOutcome {
    if (reason === 'shutdown')
      return {
        status: 'interrupted',
        error: { message: 'the worker stopped while the step ran; it runs again from the start' },
      };
    if (reason === 'timeout')
      return this.failedOutcome(
        new StepFailure(
          `timed out after ${spec?.action.timeout}s and was aborted`,
          'timeout',
          "raise the operation's timeout if it is legitimately slow",
          (error as StepFailure | undefined)?.outputs,
        ),
        lease,
        spec,
      );
    return {
      status: 'cancelled',
      error: { message: 'aborted: the workflow was cancelled', class: 'cancelled' },
      ...(error instanceof StepFailure && error.outputs !== undefined ? { outputs: error.outputs } : {}),
    };
  }

  private failedOutcome(error: unknown, lease: StepLease, spec: StepSpec | null): StepOutcome {
    const failure =
      error instanceof StepFailure
        ? error
        : new StepFailure(
            error instanceof Error ? error.message : String(error),
            'error',
            (error as { hint?: string }).hint,
          );
    const retryAt =
      lease.phase === 'forward'
        ? nextAttemptAt(spec?.retry, lease.tries, failure.errorClass, Date.now(), this.options.random)
        : undefined;
    return {
      status: 'failed',
      error: {
        message: failure.message,
        class: failure.errorClass,
        ...(failure.hint ? { hint: failure.hint } : {}),
      },
      ...(failure.outputs !== undefined ? { outputs: failure.outputs } : {}),
      ...(retryAt ? { retryAt } : {}),
    };
  }

  /** A `workflow` step: submits the named workflow once (keyed by this step) and waits for it. */
  private async runChild(
    action: Extract<WorkflowAction, { type: 'workflow' }>,
    ctx: StepContext,
  ): Promise<unknown> {
    if (!ctx.workspace)
      throw new StepFailure(
        'the workflow names no workspace, so its sub-workflow file cannot be found',
        'error',
      );
    const read = readWorkflowFile(
      join(ctx.workspace, WORKFLOWS_DIR, action.file),
      join(WORKFLOWS_DIR, action.file),
    );
    if (!read.ok)
      throw new StepFailure(
        `${read.file} is not a valid workflow: ${read.diagnostics.map((item) => `${item.file}:${item.line}:${item.col} ${item.message}`).join('; ')}`,
        'error',
      );
    const { workflow: child } = await this.options.store.submit(
      toSubmission(read.workflow, {
        workspace: ctx.workspace,
        idempotencyKey: `${ctx.workflowId}/${ctx.phase}/${ctx.stepId}`,
        parent: { workflowId: ctx.workflowId, stepId: ctx.stepId },
      }),
    );
    for (;;) {
      const current = (await this.options.store.getWorkflow(child.id))?.workflow;
      if (current && TERMINAL_WORKFLOW_STATUSES.includes(current.status)) {
        if (current.status !== 'succeeded')
          throw new StepFailure(
            `sub-workflow ${child.id} (${read.workflow.name}) ended ${current.status}`,
            'exit',
            `provisioning workflow status ${child.id}`,
            { workflowId: child.id, status: current.status },
          );
        return { workflowId: child.id, status: current.status };
      }
      if (ctx.signal.aborted) {
        if (current && (current.status === 'running' || current.status === 'rolling_back'))
          await this.options.store.cancel(child.id).catch(() => undefined);
        throw new StepFailure(`sub-workflow ${child.id} was cancelled`, 'cancelled');
      }
      await new Promise((resolve) => setTimeout(resolve, CHILD_POLL_MS));
    }
  }

  /** Renews this worker's leases now and aborts the steps of workflows being cancelled (also every third of a lease). */
  async renewLeases(): Promise<void> {
    if (this.running.size === 0) return;
    try {
      const { cancelling } = await this.options.store.renewLeases(this.worker, this.leaseMs);
      for (const step of cancelling)
        this.running
          .get(`${step.workflowId}/${step.phase}/${step.stepId}`)
          ?.controller.abort('cancelled' satisfies AbortReason);
    } catch (error) {
      this.emit({ type: 'runner-error', message: `renewing leases failed: ${(error as Error).message}` });
    }
  }

  private emit(event: RunnerEvent): void {
    this.options.onEvent?.(event);
  }
}

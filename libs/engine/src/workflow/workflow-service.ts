import {
  type Diagnostic,
  formatDiagnostic,
  parseWorkflowSource,
  readWorkflowFile,
  type WorkflowFile,
} from '@provisioning/config';
import {
  type ListWorkflowsQuery,
  openWorkflowStore,
  TERMINAL_WORKFLOW_STATUSES,
  type WorkflowDetail,
  type WorkflowEvent,
  type WorkflowPage,
  type WorkflowRecord,
  type WorkflowStore,
  type WorkflowStoreMetrics,
} from '@provisioning/store';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { resolve } from 'node:path';
import { EngineError } from '../lib/errors';
import { engineStepActions, type StepActions } from './step-actions';
import { toSubmission } from './step-spec';
import { type RunnerEvent, WorkflowRunner, type WorkflowRunnerOptions } from './workflow-runner';

/** A workflow document that does not validate; `.diagnostics` say where (file:line:col) and what. */
export class WorkflowInvalidError extends EngineError {
  override name = 'WorkflowInvalidError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `The workflow is not valid:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
      'fix the problems above; the JSON Schema (provisioning validate --write-schemas) helps an editor catch them as you type',
    );
  }
}

export interface OpenWorkflowServiceOptions {
  /** `sqlite:PATH` (relative to cwd), `postgres://…`, or an opened store. */
  store: string | WorkflowStore;
  cwd?: string;
  /** What runs command, apply and taskserv steps (default: the engine). */
  actions?: StepActions;
  env?: NodeJS.ProcessEnv;
  acceptNewHostKeys?: boolean;
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  /** Providers and cluster extensions for server_create, server_delete and cluster steps. */
  providers?: ReadonlyMap<string, ProviderDefinition>;
  clusters?: ReadonlyMap<string, ClusterDefinition>;
  /** Options of the workers `startWorkers` starts. */
  runner?: Omit<WorkflowRunnerOptions, 'store' | 'actions'>;
}

export interface SubmitOptions {
  /** The workspace its steps run in (default: cwd). */
  workspace?: string;
  idempotencyKey?: string;
}

/**
 * The one programmatic entry to durable workflows, used by the orchestrator's HTTP API and by the
 * CLI in-process (embedded SQLite, no server): validate and submit, read, follow, cancel, resume,
 * roll back, and run workers. Never prints, prompts, reads argv or exits.
 */
export class WorkflowService {
  private readonly runners: WorkflowRunner[] = [];

  private constructor(
    readonly store: WorkflowStore,
    private readonly actions: StepActions,
    private readonly options: OpenWorkflowServiceOptions,
  ) {}

  static async open(options: OpenWorkflowServiceOptions): Promise<WorkflowService> {
    const store =
      typeof options.store === 'string' ? await openWorkflowStore(options.store, options.cwd) : options.store;
    const actions =
      options.actions ??
      engineStepActions({
        env: options.env,
        acceptNewHostKeys: options.acceptNewHostKeys,
        taskservs: options.taskservs,
        providers: options.providers,
        clusters: options.clusters,
      });
    return new WorkflowService(store, actions, options);
  }

  /** Reads and validates a workflow file, then submits it; throws WorkflowInvalidError. */
  async submitFile(
    path: string,
    options: SubmitOptions & { displayAs?: string } = {},
  ): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    const read = readWorkflowFile(
      resolve(this.options.cwd ?? process.cwd(), path),
      options.displayAs ?? path,
    );
    if (!read.ok) throw new WorkflowInvalidError(read.diagnostics);
    return this.submit(read.workflow, options);
  }

  /** Submits a document given as YAML/JSON text or as a parsed value (an API body); validated the same way. */
  async submitDocument(
    document: string | unknown,
    options: SubmitOptions = {},
  ): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    const read = parseWorkflowSource(text, '<request body>');
    if (!read.ok) throw new WorkflowInvalidError(read.diagnostics);
    return this.submit(read.workflow, options);
  }

  private async submit(
    file: WorkflowFile,
    options: SubmitOptions,
  ): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    const workspace = resolve(this.options.cwd ?? process.cwd(), options.workspace ?? '.');
    const result = await this.store.submit(
      toSubmission(file, { workspace, idempotencyKey: options.idempotencyKey }),
    );
    this.wake();
    return result;
  }

  get(id: string): Promise<WorkflowDetail | undefined> {
    return this.store.getWorkflow(id);
  }

  list(query?: ListWorkflowsQuery): Promise<WorkflowPage> {
    return this.store.listWorkflows(query);
  }

  events(id: string, afterSeq?: number, limit?: number): Promise<WorkflowEvent[]> {
    return this.store.listEvents(id, afterSeq, limit);
  }

  async cancel(id: string): Promise<WorkflowRecord> {
    const record = await this.store.cancel(id);
    await Promise.all(this.runners.map((runner) => runner.renewLeases()));
    return record;
  }

  async resume(id: string): Promise<WorkflowRecord> {
    const record = await this.store.resume(id);
    this.wake();
    return record;
  }

  async rollback(id: string): Promise<WorkflowRecord> {
    const record = await this.store.rollback(id);
    this.wake();
    return record;
  }

  metrics(): Promise<WorkflowStoreMetrics> {
    return this.store.metrics();
  }

  /** Starts `count` workers in this process (each leases on its own, as separate processes would). */
  startWorkers(count = 1, onEvent?: (event: RunnerEvent) => void): WorkflowRunner[] {
    for (let index = 0; index < count; index++) {
      const runner = new WorkflowRunner({
        ...this.options.runner,
        store: this.store,
        actions: this.actions,
        onEvent: onEvent ?? this.options.runner?.onEvent,
      });
      runner.start();
      this.runners.push(runner);
    }
    return [...this.runners];
  }

  get workers(): readonly WorkflowRunner[] {
    return this.runners;
  }

  /**
   * Calls `onEvent` for each event of the workflow from `afterSeq` on, until it reaches a final
   * status (or `signal` aborts); returns the final record.
   */
  async follow(
    id: string,
    options: {
      afterSeq?: number;
      onEvent?: (event: WorkflowEvent) => void;
      signal?: AbortSignal;
      pollMs?: number;
    } = {},
  ): Promise<WorkflowRecord> {
    let after = options.afterSeq ?? 0;
    for (;;) {
      for (const event of await this.store.listEvents(id, after)) {
        after = event.seq;
        options.onEvent?.(event);
      }
      const detail = await this.store.getWorkflow(id);
      if (!detail) throw new EngineError(`No workflow ${id}`, "'provisioning workflow list' shows the ids");
      if (TERMINAL_WORKFLOW_STATUSES.includes(detail.workflow.status)) {
        for (const event of await this.store.listEvents(id, after)) options.onEvent?.(event);
        return detail.workflow;
      }
      if (options.signal?.aborted) return detail.workflow;
      await new Promise((done) => setTimeout(done, options.pollMs ?? 100));
    }
  }

  /** Stops the workers (running steps get `graceMs` to finish, then are checkpointed as interrupted) and closes the store. */
  async close(graceMs = 0): Promise<void> {
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop(graceMs)));
    await this.actions.close();
    await this.store.close();
  }

  private wake(): void {
    for (const runner of this.runners) runner.wake();
  }
}

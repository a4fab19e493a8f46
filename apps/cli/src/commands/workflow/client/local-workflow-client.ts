import {
  DEFAULT_WORKFLOW_STORE_PATH,
  WorkflowInvalidError,
  WorkflowNotFoundError,
  type WorkflowDetail,
  type WorkflowEvent,
  type WorkflowPage,
  type WorkflowRecord,
  WorkflowService,
  WorkflowStateError,
} from '@provisioning/engine';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { join } from 'node:path';
import { CliError } from '../../../cli/errors';
import type { WorkflowClient } from './workflow-client';

/**
 * A WorkflowClient on the workspace's embedded store (.provisioning/workflows.db), with this
 * process as the worker: a single user needs no server. An orchestrator started on the same
 * workspace shares that store, so both see the same workflows.
 */
export class LocalWorkflowClient implements WorkflowClient {
  readonly inProcess = true;

  private constructor(
    private readonly service: WorkflowService,
    readonly where: string,
  ) {}

  static async open(
    workspace: string,
    options: {
      env: NodeJS.ProcessEnv;
      taskservs?: ReadonlyMap<string, TaskservDefinition>;
      providers?: ReadonlyMap<string, ProviderDefinition>;
      clusters?: ReadonlyMap<string, ClusterDefinition>;
    },
  ): Promise<LocalWorkflowClient> {
    const path = join(workspace, DEFAULT_WORKFLOW_STORE_PATH);
    const service = await WorkflowService.open({
      store: `sqlite:${path}`,
      cwd: workspace,
      env: options.env,
      taskservs: options.taskservs,
      providers: options.providers,
      clusters: options.clusters,
      runner: { pollMs: 50 },
    });
    return new LocalWorkflowClient(service, path);
  }

  /** Runs the workers in this process until `until` settles. */
  async work<T>(until: Promise<T>): Promise<T> {
    this.service.startWorkers(1);
    return until;
  }

  submit(
    file: string,
    options: { idempotencyKey?: string; displayAs?: string },
  ): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    return translate(() =>
      this.service.submitFile(file, { idempotencyKey: options.idempotencyKey, displayAs: options.displayAs }),
    );
  }

  list(query: Parameters<WorkflowService['list']>[0]): Promise<WorkflowPage> {
    return translate(() => this.service.list(query));
  }

  async get(id: string): Promise<WorkflowDetail> {
    const detail = await this.service.get(id);
    if (!detail)
      throw new CliError(
        `no workflow ${id} in ${this.where}`,
        "'provisioning workflow list' shows the ids; add --orchestrator URL if it was submitted to an orchestrator",
      );
    return detail;
  }

  async events(
    id: string,
    options: {
      afterSeq?: number;
      follow: boolean;
      signal?: AbortSignal;
      onEvent: (event: WorkflowEvent) => void;
    },
  ): Promise<void> {
    await this.get(id);
    if (options.follow)
      await this.service.follow(id, {
        afterSeq: options.afterSeq,
        onEvent: options.onEvent,
        signal: options.signal,
      });
    else (await this.service.events(id, options.afterSeq)).forEach(options.onEvent);
  }

  control(id: string, action: 'cancel' | 'resume' | 'rollback'): Promise<WorkflowRecord> {
    return translate(() => this.service[action](id));
  }

  /** Stops the workers (a running step is checkpointed as interrupted: `workflow resume` continues it). */
  async close(): Promise<void> {
    await this.service.close();
  }
}

async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowInvalidError) throw new CliError(error.message, error.hint);
    if (error instanceof WorkflowNotFoundError || error instanceof WorkflowStateError)
      throw new CliError(error.message, (error as { hint?: string }).hint);
    throw error;
  }
}

import {
  DEFAULT_WORKFLOW_STORE_PATH,
  type InfraHandle,
  openInfra,
  type OpenInfraOptions,
  WorkflowService,
} from '@provisioning/engine';
import type { Redactor, TaskservDefinition } from '@provisioning/sdk';
import { join } from 'node:path';
import { PlanRegistry } from './plan-registry';
import { boundaryRedactor } from './secret-values';

/** Where the server works: a workspace root and what openInfra needs besides the infra name. */
export type ServerOptions = Omit<OpenInfraOptions, 'infra' | 'taskservs'> & {
  workspace: string;
  env: NodeJS.ProcessEnv;
  taskservs: ReadonlyMap<string, TaskservDefinition>;
  /** Fetch for the extension registries (tests pass one bound to a local registry server). */
  fetchImpl?: typeof fetch;
};

/**
 * What every tool works with: one workspace, the plans made so far, the boundary redactor, and the
 * workspace's workflow service (its embedded store, with this process as the worker), opened on
 * first use. Shared by every session of an HTTP server, so a plan id outlives its request.
 */
export class ServerContext {
  readonly plans = new PlanRegistry();
  readonly redactor: Redactor;
  private workflowService?: Promise<WorkflowService>;

  constructor(readonly options: ServerOptions) {
    this.redactor = boundaryRedactor(options.workspace, options.env);
  }

  /** Opens the named infra (or the default) and closes it after `use`. */
  async withInfra<T>(infra: string | undefined, use: (handle: InfraHandle) => Promise<T>): Promise<T> {
    const handle = await openInfra({ ...this.options, infra });
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  }

  /**
   * The workspace's workflows (`.provisioning/workflows.db`, the store the CLI and an orchestrator
   * on this workspace share), with one worker in this process running what is submitted.
   */
  workflows(): Promise<WorkflowService> {
    this.workflowService ??= WorkflowService.open({
      store: `sqlite:${join(this.options.workspace, DEFAULT_WORKFLOW_STORE_PATH)}`,
      cwd: this.options.workspace,
      env: this.options.env,
      acceptNewHostKeys: this.options.acceptNewHostKeys,
      taskservs: this.options.taskservs,
    }).then((service) => {
      service.startWorkers(1);
      return service;
    });
    return this.workflowService;
  }

  /** Stops the worker (a running step is checkpointed as interrupted; `workflow resume` continues it). */
  async close(): Promise<void> {
    const service = await this.workflowService?.catch(() => undefined);
    this.workflowService = undefined;
    await service?.close(5_000);
  }
}

import { type InfraHandle, openInfra, type OpenInfraOptions } from '@provisioning/engine';
import type { Redactor, TaskservDefinition } from '@provisioning/sdk';
import { PlanRegistry } from './plan-registry';
import { boundaryRedactor } from './secret-values';

/** Where the server works: a workspace root and what openInfra needs besides the infra name. */
export type ServerOptions = Omit<OpenInfraOptions, 'infra' | 'taskservs'> & {
  workspace: string;
  env: NodeJS.ProcessEnv;
  taskservs: ReadonlyMap<string, TaskservDefinition>;
};

/** What every tool works with: one workspace, the plans made so far, the boundary redactor. */
export class ServerContext {
  readonly plans = new PlanRegistry();
  readonly redactor: Redactor;

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
}

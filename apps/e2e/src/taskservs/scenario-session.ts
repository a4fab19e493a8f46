import { createSecretStore, loadWorkspace, resolveSettings } from '@provisioning/config';
import {
  apply,
  type EngineEvent,
  openPool,
  plan,
  type RunRequest,
  type RunResult,
} from '@provisioning/engine';
import type { ConnectionPool } from '@provisioning/remote';
import type { TaskservDefinition } from '@provisioning/sdk';
import { taskservs } from '@provisioning/builtin-extensions';

const definitions = new Map<string, TaskservDefinition>(
  taskservs.map((definition) => [definition.name, definition]),
);

/** The engine over a scenario workspace, as the CLI drives it, with the run's events recorded. */
export class ScenarioSession {
  readonly pool: ConnectionPool;
  private readonly secretEnv: NodeJS.ProcessEnv;

  constructor(
    private readonly root: string,
    secrets: Readonly<Record<string, string>> = {},
  ) {
    this.secretEnv = Object.fromEntries(
      Object.entries(secrets).map(([name, value]) => [`PROVISIONING_SECRET_${name}`, value]),
    );
    const { settings } = resolveSettings({ workspaceRoot: root, infra: 'main', env: {} });
    this.pool = openPool(this.context('install').infra, { settings, workspaceRoot: root });
  }

  /** Reloads the workspace each time: the scenario rewrites taskservs.yaml between steps. */
  context(action: RunRequest['action'], onEvent?: (event: EngineEvent) => void): RunRequest {
    const secrets = createSecretStore({ env: this.secretEnv, files: [] });
    const { workspace } = loadWorkspace(this.root, { env: {}, secrets });
    return {
      infra: workspace.infras.main,
      workspaceName: workspace.name,
      resolveTaskserv: (entry) => definitions.get(entry.taskserv),
      executorFor: (server) => this.pool.executor(server),
      action,
      env: {},
      secrets,
      baseDir: this.root,
      onEvent,
    };
  }

  async apply(
    action: RunRequest['action'],
  ): Promise<{ result: RunResult; changedIds: Map<string, string[]> }> {
    const changedIds = new Map<string, string[]>();
    const result = await apply(
      this.context(action, (event) => {
        if (event.type === 'operation-finished' && event.status === 'changed') {
          changedIds.set(event.host, [
            ...(changedIds.get(event.host) ?? []),
            withoutEntry(event.operationId),
          ]);
        }
      }),
    );
    return { result, changedIds };
  }

  /** Per host, the ids (without the taskserv entry prefix) the plan says will or may change. */
  async plannedChanges(): Promise<Map<string, string[]>> {
    const result = await plan(this.context('install'));
    const changes = new Map<string, string[]>();
    for (const host of result.hosts) {
      if (host.status !== 'planned') throw new Error(`${host.host}: ${host.status}: ${host.reason}`);
      const ids = host.operations.filter((op) => op.status !== 'unchanged').map((op) => withoutEntry(op.id));
      changes.set(host.host, [...(changes.get(host.host) ?? []), ...ids]);
    }
    return changes;
  }
}

function withoutEntry(operationId: string): string {
  return operationId.split('/').slice(1).join('/');
}

import type { Infra, SecretStore, Workspace } from '@provisioning/config';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import type { StateStore } from '@provisioning/store';
import type { ClusterContext } from '../clusters/cluster-context';
import {
  clusterStatus,
  createCluster,
  deleteCluster,
  planClusterCreate,
  type ClusterCreateResult,
  type ClusterDeleteResult,
  type ClusterPlan,
  type ClusterStatus,
} from '../clusters/cluster-operations';
import type { EngineEventListener } from '../run/engine-events';
import {
  createServers,
  planServerCreate,
  type ServerCreatePlan,
  type ServerCreateResult,
} from '../servers/create-servers';
import {
  deleteServers,
  planServerDelete,
  type ServerDeletePlan,
  type ServerDeleteResult,
} from '../servers/delete-servers';
import type { ServerEventListener } from '../servers/server-context';
import {
  refreshServerStates,
  serverStates,
  type ServerState,
  type StateRefreshResult,
} from '../servers/server-states';
import type { EngineSettings } from './engine-settings';

export interface ServerCallOptions {
  signal?: AbortSignal;
  onEvent?: ServerEventListener;
}

export interface ClusterCallOptions extends ServerCallOptions {
  /** Events of the cluster's taskserv runs (the same as apply's). */
  onRunEvent?: EngineEventListener;
}

export interface InfraServersParts {
  workspace: Workspace;
  infra: Infra;
  settings: EngineSettings;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  taskservs: ReadonlyMap<string, TaskservDefinition>;
  providers: ReadonlyMap<string, ProviderDefinition>;
  clusters: ReadonlyMap<string, ClusterDefinition>;
  acceptNewHostKeys: boolean;
  state(): StateStore;
}

/**
 * The server and cluster half of an InfraHandle: servers a provider creates (plan, create, delete,
 * state and drift, refresh) and clusters built by cluster extensions (plan, create, status, delete).
 */
export class InfraServers {
  constructor(private readonly parts: InfraServersParts) {}

  planServerCreate(names?: readonly string[], options: ServerCallOptions = {}): Promise<ServerCreatePlan> {
    return planServerCreate(this.context(options), names);
  }

  /** Creates what the plan says (or plans the named servers first), each journaled before and after its provider call. */
  async createServers(
    target: ServerCreatePlan | readonly string[] | undefined,
    options: ServerCallOptions = {},
  ): Promise<ServerCreateResult> {
    const plan =
      target && !Array.isArray(target)
        ? (target as ServerCreatePlan)
        : await this.planServerCreate(target as readonly string[] | undefined, options);
    return createServers(this.context(options), plan);
  }

  planServerDelete(names: readonly string[]): Promise<ServerDeletePlan> {
    return planServerDelete(this.context({}), names);
  }

  deleteServers(plan: ServerDeletePlan, options: ServerCallOptions = {}): Promise<ServerDeleteResult> {
    return deleteServers(this.context(options), plan);
  }

  serverStates(options: { drift?: boolean } = {}): Promise<ServerState[]> {
    return serverStates(this.context({}), options);
  }

  refreshServers(): Promise<StateRefreshResult> {
    return refreshServerStates(this.context({}));
  }

  planCluster(name: string): Promise<ClusterPlan> {
    return planClusterCreate(this.context({}), name);
  }

  createCluster(name: string, options: ClusterCallOptions = {}): Promise<ClusterCreateResult> {
    return createCluster(this.context(options), name);
  }

  clusterStatus(name: string, options: ClusterCallOptions = {}): Promise<ClusterStatus> {
    return clusterStatus(this.context(options), name);
  }

  deleteCluster(name: string, options: ClusterCallOptions = {}): Promise<ClusterDeleteResult> {
    return deleteCluster(this.context(options), name);
  }

  private context(options: ClusterCallOptions): ClusterContext {
    const { parts } = this;
    return {
      infra: parts.infra,
      workspaceName: parts.workspace.name,
      workspaceRoot: parts.workspace.root,
      settings: parts.settings,
      store: parts.state(),
      resolveProvider: (name) => parts.providers.get(name),
      resolveCluster: (name) => parts.clusters.get(name),
      resolveTaskserv: (entry) => parts.taskservs.get(entry.taskserv),
      env: parts.env,
      secrets: parts.secrets,
      parallel: parts.settings.run.parallelism,
      acceptNewHostKeys: parts.acceptNewHostKeys,
      signal: options.signal,
      onEvent: options.onEvent,
      onRunEvent: options.onRunEvent,
    };
  }
}

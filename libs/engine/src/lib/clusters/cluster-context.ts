import type { ClusterDefinition } from '@provisioning/sdk';
import type { EngineEventListener } from '../run/engine-events';
import type { ServerContext } from '../servers/server-context';
import type { TaskservResolver } from '../steps/build-steps';

/** Everything cluster create/status/delete needs: server work, taskserv runs, and the cluster extensions. */
export interface ClusterContext extends ServerContext {
  resolveCluster(name: string): ClusterDefinition | undefined;
  resolveTaskserv: TaskservResolver;
  /** Trust on first use for servers not created by a provider (created ones have known keys). */
  acceptNewHostKeys?: boolean;
  /** Events of the taskserv runs (the same as apply's). */
  onRunEvent?: EngineEventListener;
}

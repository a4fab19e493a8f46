// @provisioning/engine: plan and apply over an infra. Steps (taskserv x server) are grouped into
// waves by cross-host dependencies; each host plans and applies its steps on one connection.
export { EngineError } from './lib/errors';
export { buildSteps, type BuildStepsOptions, type TaskservResolver } from './lib/steps/build-steps';
export { hostWaves, type HostBatch } from './lib/steps/host-waves';
export { type Step, stepId } from './lib/steps/step';
export type { EngineEvent, EngineEventListener, RunAction } from './lib/run/engine-events';
export type { RunContext } from './lib/run/run-context';
export { plan } from './lib/run/plan';
export { apply, type ApplyOptions } from './lib/run/apply';
export type { HostPlanView, PlanOperationView, RunPlan } from './lib/run/run-plan';
export type { HostFailure, HostRunSummary, RunResult } from './lib/run/run-result';
export { StalePlanError } from './lib/run/stale-plan-error';
export { expandPath, hostSpecsFor, type HostSpecOptions } from './lib/hosts/host-specs';
export { openPool, type OpenPoolOptions } from './lib/hosts/open-pool';
// Servers created by providers: plan/create/delete, their state, and drift.
export type { ProviderResolver, ServerContext, ServerEvent, ServerEventListener } from './lib/servers/server-context';
export { EXISTING_SERVER_PROVIDERS } from './lib/servers/server-context';
export {
  createServers,
  planServerCreate,
  type ServerCreateItem,
  type ServerCreateOutcome,
  type ServerCreatePlan,
  type ServerCreateResult,
} from './lib/servers/create-servers';
export {
  deleteServers,
  planServerDelete,
  type ServerDeleteItem,
  type ServerDeleteOutcome,
  type ServerDeletePlan,
  type ServerDeleteResult,
} from './lib/servers/delete-servers';
export { refreshServerStates, serverStates, type ServerState, type StateRefreshResult } from './lib/servers/server-states';
export { withCreatedServers, workspaceKnownHosts } from './lib/servers/server-access';
export { describeProviders, type ProviderInfo } from './lib/servers/provider-catalog';
// Clusters built by cluster extensions: create (servers, roles in order, health, outputs), status, delete.
export type { ClusterContext } from './lib/clusters/cluster-context';
export {
  clusterStatus,
  createCluster,
  deleteCluster,
  planClusterCreate,
  type ClusterCreateResult,
  type ClusterDeleteResult,
  type ClusterPlan,
  type ClusterStatus,
} from './lib/clusters/cluster-operations';
export type { ClusterOutputValue, HealthResult } from './lib/clusters/cluster-checks';

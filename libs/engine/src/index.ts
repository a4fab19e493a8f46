// @provisioning/engine: plan and apply over an infra. Steps (taskserv x server) are grouped into
// waves by cross-host dependencies; each host plans and applies its steps on one connection.
export {
  EngineError,
  type EngineErrorCode,
  InfraLockedError,
  InfraNotFoundError,
  LockLostError,
  RunCancelledError,
  SelectionError,
  WorkspaceInvalidError,
} from './lib/errors';
export { buildSteps, type BuildStepsOptions, type TaskservResolver } from './lib/steps/build-steps';
export { hostWaves, type HostBatch } from './lib/steps/host-waves';
export { type Step, stepId } from './lib/steps/step';
export type { EngineEvent, EngineEventListener, RunAction } from './lib/run/engine-events';
export type { RunRequest } from './lib/run/run-request';
export { plan } from './lib/run/plan';
export { apply, type ApplyRunOptions } from './lib/run/apply';
export { StaleHostError, type StaleOperation } from './lib/run/plan-staleness';
export { mapLimit } from './lib/run/map-limit';
export type { FactsFingerprint } from './lib/run/facts-fingerprint';
export type { HostPlanView, PlanOperationView, RunPlan } from './lib/run/run-plan';
export type { HostFailure, HostRunSummary, RunResult } from './lib/run/run-result';
export { StalePlanError } from './lib/run/stale-plan-error';
export { expandPath, hostSpecsFor, type HostSpecOptions } from './lib/hosts/host-specs';
export { openPool, type OpenPoolOptions } from './lib/hosts/open-pool';
export {
  collectServerFacts,
  type CollectServerFactsOptions,
  type HostFactsResult,
} from './lib/facts/collect-server-facts';
export type { ServerFacts } from '@provisioning/operations';
export { workspaceKnownHostsPath } from './lib/hosts/open-pool';
export {
  addFoundHosts,
  type AddFoundHostsOptions,
  type AddFoundHostsResult,
  type FoundSshHost,
  scanNetwork,
  type ScanNetworkOptions,
  type ScanResult,
} from './lib/discovery/discover-hosts';
export {
  LOCAL_SERVER,
  localExecutor,
  localInfra,
  resolverFor,
  withAdHocTaskservs,
} from './lib/ad-hoc/ad-hoc-taskservs';

// The front door: one handle per workspace and infra (see README.md).
export {
  openInfra,
  listInfras,
  infraNames,
  type InfraSummary,
  type OpenInfraOptions,
} from './lib/infra/open-infra';
export {
  type AcceptedHostKey,
  InfraHandle,
  type ApplyRequest,
  type CallOptions,
  type PlanRequest,
  type RunCommandOptions,
  type Selection,
} from './lib/infra/infra-handle';
export {
  openState,
  StateHandle,
  type LockRecord,
  type OpenStateOptions,
  type RunDetail,
  type RunSummary,
} from './lib/infra/open-state';
export type { AdHocEvent, AdHocHostResult, AdHocResult } from './lib/infra/ad-hoc-command';
export type { EngineSettings } from './lib/infra/engine-settings';
export type {
  TaskservHostState,
  TaskservHostStatus,
  TaskservStatusReport,
} from './lib/infra/taskserv-status';
export { type InstalledTaskserv, paramsHash } from '@provisioning/store';
export type { HostSpecInput } from '@provisioning/remote';
export { locateWorkspace } from './lib/infra/locate-workspace';
// Servers created by providers: plan/create/delete, their state, and drift.
export type {
  ProviderResolver,
  ServerContext,
  ServerEvent,
  ServerEventListener,
} from './lib/servers/server-context';
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
export {
  refreshServerStates,
  serverStates,
  type ServerState,
  type StateRefreshResult,
} from './lib/servers/server-states';
export { withCreatedServers } from './lib/servers/server-access';
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
export type { ClusterCallOptions, ServerCallOptions } from './lib/infra/infra-servers';

// Durable workflows: the service front doors call, and the runner its workers are.
export {
  WorkflowInvalidError,
  WorkflowService,
  type OpenWorkflowServiceOptions,
  type SubmitOptions,
} from './workflow/workflow-service';
export { loadOrCreateToken, TOKEN_FILE, tokenMatches } from './workflow/api-token';
export { parseListen } from './workflow/listen-address';
export { WorkflowRunner, type RunnerEvent, type WorkflowRunnerOptions } from './workflow/workflow-runner';
export {
  engineStepActions,
  type EngineStepActionsOptions,
  type StepAction,
  type StepActions,
  type StepContext,
  type StepReport,
} from './workflow/step-actions';
export { StepFailure } from './workflow/retry-policy';
export { type StepSpec, toSubmission } from './workflow/step-spec';
export type {
  StepDependency,
  StepError,
  StepPhase,
  StepRecord,
  StepStatus,
  WorkflowDetail,
  WorkflowEvent,
  WorkflowPage,
  WorkflowRecord,
  WorkflowStatus,
  WorkflowStoreMetrics,
} from '@provisioning/store';
export {
  DEFAULT_WORKFLOW_STORE_PATH,
  TERMINAL_WORKFLOW_STATUSES,
  WorkflowNotFoundError,
  WorkflowStateError,
} from '@provisioning/store';

// Scenarios: an extension's TaskservScenario run on hosts (provisioning test, the e2e suite).
export { runScenario, type RunScenarioOptions } from './lib/scenarios/run-scenario';
export {
  SCENARIO_STEPS,
  type ScenarioEvent,
  type ScenarioFailure,
  type ScenarioResult,
  type ScenarioStep,
  type ScenarioStepResult,
} from './lib/scenarios/scenario-result';
export {
  roleHosts,
  SCENARIO_INFRA,
  type ScenarioEntry,
  scenarioEntries,
  substitute,
  writeScenarioTaskservs,
  writeScenarioWorkspace,
} from './lib/scenarios/scenario-workspace';
export {
  bootThrowawayHosts,
  removeThrowawayHosts,
  throwawayHostsProblem,
  type ThrowawayHostsOptions,
} from './lib/scenarios/throwaway-hosts';

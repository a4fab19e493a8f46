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

// The front door: one handle per workspace and infra (see README.md).
export { openInfra, listInfras, infraNames, type InfraSummary, type OpenInfraOptions } from './lib/infra/open-infra';
export { InfraHandle, type ApplyRequest, type CallOptions, type PlanRequest, type RunCommandOptions, type Selection } from './lib/infra/infra-handle';
export { openState, StateHandle, type LockRecord, type OpenStateOptions, type RunDetail, type RunSummary } from './lib/infra/open-state';
export type { AdHocEvent, AdHocHostResult, AdHocResult } from './lib/infra/ad-hoc-command';
export type { EngineSettings } from './lib/infra/engine-settings';
export type { TaskservHostState, TaskservHostStatus, TaskservStatusReport } from './lib/infra/taskserv-status';
export { type InstalledTaskserv, paramsHash } from '@provisioning/store';
export type { HostSpecInput } from '@provisioning/remote';
export { locateWorkspace } from './lib/infra/locate-workspace';

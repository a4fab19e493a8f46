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
export { collectServerFacts, type CollectServerFactsOptions, type HostFactsResult } from './lib/facts/collect-server-facts';
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
export { LOCAL_SERVER, localExecutor, localInfra, resolverFor, withAdHocTaskservs } from './lib/ad-hoc/ad-hoc-taskservs';

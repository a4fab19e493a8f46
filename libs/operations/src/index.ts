// @provisioning/operations: reads facts, diffs and applies the operations of @provisioning/sdk.
export { planHost, prepareOperation } from './lib/plan';
export type { HostPlan, PlannedOperation, PlannedStatus, PlanOptions, Provisional } from './lib/plan';
export { applyHost } from './lib/apply';
export type {
  ApplyEvent,
  ApplyOptions,
  HostApplyError,
  HostResult,
  OperationOutcome,
  OperationResult,
} from './lib/apply';
export { gatherHostFacts, parseHostFacts } from './lib/host-facts';
export { gatherServerFacts, parseServerFacts, type ServerFacts } from './lib/server-facts';
export { FactsChangedError, FactsGatheringError, OperationFailedError, STALE_PLAN_EXIT } from './lib/errors';
export { unifiedDiff } from './lib/unified-diff';
export { renderHostPlan } from './lib/render-plan';
export { describeOutputs, readTaskservOutputs, TaskservOutputError } from './lib/outputs';
export { expandOperations } from './lib/expand';
export type { ExpandOptions } from './lib/expand';
export type { OperationExample } from './lib/example';
export { operationExamples } from './kinds/examples';
export { handlerFor } from './kinds/registry';
export type { PlannableOperation } from './kinds/registry';
export type { Change, DiffContext, OperationHandler } from './lib/handler';

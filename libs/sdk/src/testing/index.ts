// @provisioning/sdk/testing: helpers for task services' own specs (not loaded by the engine or CLI).
export {
  changedOperationIds,
  danglingReferences,
  debianHost,
  generatedParamsSchema,
  manifestParamsDrift,
  operationById,
  readManifest,
  resolveOperations,
  type ResolveOptions,
} from './taskserv-test-support';
export { predictScenarioChanges, type ScenarioPrediction, scenarioInfra } from './scenario-prediction';
export * from './cloud-emulator';
export { type InstalledProgram, installedProgram } from './installed-program';

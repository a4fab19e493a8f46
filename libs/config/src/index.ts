// @provisioning/config: the workspace (provisioning.yaml + infra/<name>/*.yaml) read into one
// validated, typed model; the settings hierarchy with origins; interpolation and secrets.
// docs/workspace.md documents the files; this barrel is the library's whole public API.

// Finding, validating and loading a workspace.
export { findWorkspaceRoot, WORKSPACE_FILE } from './lib/workspace/find-workspace-root';
export {
  BUILTIN_PROVIDERS,
  loadWorkspace,
  providerNamesWith,
  type ValidateOptions,
  type ValidationReport,
  validateWorkspace,
} from './lib/workspace/validate-workspace';
export { checkStateDirIgnored, STATE_DIR } from './lib/workspace/state-dir-ignored';
export { readDefaultInfra } from './lib/workspace/default-infra';
export { type AddServersResult, addServersToInfra, type NewServer } from './lib/workspace/add-servers';
export type { Cluster, Infra, Server, TaskservRef, Workspace } from './lib/workspace/model';
export { type JumpChain, jumpChainOf, type JumpStep, MAX_JUMP_HOPS } from './lib/validate/jump-chains';
export { type JumpHop, parseJumpHosts, secretReferenceName } from './lib/schema/connection-fields';
export { matchesLabels, type ServerSelector, selectServers } from './lib/select-servers';

// Diagnostics and errors.
export {
  countBySeverity,
  type Diagnostic,
  formatDiagnostic,
  formatLocation,
  formatPath,
  type Severity,
  type SourceLocation,
  sortDiagnostics,
} from './lib/diagnostics/diagnostic';
export { closestMatch, editDistance } from './lib/diagnostics/did-you-mean';
export * from './lib/errors';

// File shapes (zod is the one source; JSON Schemas are generated from it).
export type {
  ClusterRoleSpec,
  ClusterSpec,
  InfraFile,
  ServerSpec,
  TaskservSpec,
} from './lib/schema/infra-file';
export type { Registry, WorkspaceFile } from './lib/schema/workspace-file';
export {
  JSON_SCHEMA_FILES,
  type JsonSchemaKind,
  jsonSchemaFor,
  SCHEMAS_DIR,
  schemaModeline,
  writeJsonSchemas,
} from './lib/schema/json-schemas';
export { DEFAULT_YAML_LIMITS, type YamlLimits } from './lib/yaml/read-yaml-file';

// Taskserv params: layering and checking against an extension's schema.
export {
  type TaskservLookup,
  type TaskservSchemaInfo,
  type TaskservVersionMismatch,
} from './lib/params/taskserv-params';
export {
  defaultsOfParamsSchema,
  type TaskservParamsSource,
  taskservLookupFrom,
} from './lib/params/taskserv-lookup';
export {
  type Layer,
  type LayeredValues,
  mergeLayers,
  originOf,
  type ValueOrigin,
} from './lib/layers/merge-layers';

// Settings: the hierarchy, reading, writing and editing.
export {
  BUILTIN_SETTINGS,
  type PartialSettings,
  SETTINGS_SECTION_NAMES,
  type Settings,
  settingKeys,
} from './lib/schema/settings';
export {
  getSetting,
  type ResolvedSettings,
  type ResolveSettingsOptions,
  resolveSettings,
  SETTINGS_LAYERS,
  type SettingsLayerName,
  userConfigFile,
} from './lib/settings/resolve-settings';
export { assertSettingKey, parseSettingValue } from './lib/settings/parse-setting-value';
export { readEnvSettings, SETTINGS_ENV_PREFIX } from './lib/settings/env-settings';
export { type SetSettingOptions, setSetting } from './lib/settings/set-setting';
export {
  type EditConfigOptions,
  editConfigFile,
  type EditResult,
  validateConfigFile,
} from './lib/settings/edit-config-file';
export type { ConfigFileKind } from './lib/settings/config-file-kind';
export { writeFileAtomic } from './lib/settings/atomic-write';

// Interpolation and secrets.
export {
  expandPublicReferences,
  type InterpolationContext,
  interpolateString,
  interpolateValue,
} from './lib/interpolation/interpolate';
export { isSecret, REDACTED, Secret } from './lib/secrets/secret';
export { collectSecrets, secretValues } from './lib/secrets/collect-secrets';
export {
  checkSecretsFiles,
  createSecretStore,
  defaultSecretsFiles,
  SECRET_ENV_PREFIX,
  type SecretStore,
  userConfigDir,
} from './lib/secrets/secrets-store';

// Workflow files (workflows/*.yaml), run by the orchestrator.
export {
  RETRY_ERROR_CLASSES,
  type RetryErrorClass,
  type WorkflowAction,
  type WorkflowFile,
  workflowFileSchema,
  type WorkflowOperation,
  type WorkflowRetry,
} from './lib/workflow/workflow-file';
export {
  parseWorkflowSource,
  readWorkflowFile,
  validateWorkflowFiles,
  type WorkflowReadResult,
  WORKFLOWS_DIR,
} from './lib/workflow/read-workflow-file';

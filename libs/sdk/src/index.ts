export { CORE_VERSION } from './lib/core-version';
export type { ExecOptions, ExecResult, Executor } from './lib/executor';
export { command, quote, ShellQuoteError } from './lib/shell-quote';
export { SystemdQuoteError, systemdCommand, systemdQuote } from './lib/systemd-quote';
export { redact, REDACTED, Redactor } from './lib/redact';
export { DefinitionError } from './lib/operations/errors';
export * from './lib/operations/schemas';
export type * from './lib/operations/types';
export {
  absent,
  directory,
  download,
  file,
  group,
  line,
  link,
  pkg,
  service,
  shell,
  taskserv,
  template,
  user,
} from './lib/operations/builders';
export {
  defineTaskserv,
  parseTaskservParams,
  resolveTaskservOperations,
  TaskservParamsError,
} from './lib/taskserv';
export { requireInfraView, serverAddress, serversRunning } from './lib/infra-view';
export type {
  HostFacts,
  InfraServerView,
  InfraTaskservView,
  InfraView,
  TaskservContext,
  TaskservDefinition,
  TaskservOutput,
  TaskservSpec,
} from './lib/taskserv';
export type { TaskservScenario } from './lib/taskserv-scenario';
export {
  defineProvider,
  INFRA_LABEL,
  MANAGED_BY_LABEL,
  managedLabels,
  parseProviderOptions,
  ProviderOptionsError,
  SERVER_LABEL,
} from './lib/provider';
export type {
  ProviderCatalogEntry,
  ProviderContext,
  ProviderDefinition,
  ProviderServer,
  ProviderServerStatus,
  ServerCreateRequest,
  ServerPlacement,
} from './lib/provider';
export { sshBanner, SshNotReadyError, waitForSsh } from './lib/ssh-ready';
export { checkClusterRoles, ClusterParamsError, defineCluster, parseClusterParams } from './lib/cluster';
export type {
  ClusterDefinition,
  ClusterHealthCheck,
  ClusterOutput,
  ClusterRoleContext,
  ClusterRoleDefinition,
  ClusterSpec,
  ClusterTaskserv,
} from './lib/cluster';

export { CORE_VERSION } from './lib/core-version';
export type { ExecOptions, ExecResult, Executor } from './lib/executor';
export { command, loginShellCommand, quote, ShellQuoteError } from './lib/shell-quote';
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
export { HttpClient } from './lib/http/http-client';
export type {
  HttpAuth,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpRetryEvent,
} from './lib/http/http-client';
export { defaultErrorDetail, HttpError } from './lib/http/http-error';
export type { HttpErrorKind, ProviderErrorDetail } from './lib/http/http-error';
export { backoffDelay, serverRequestedDelay } from './lib/http/retry-delay';
export { clientTokenLabel, hostKeyUserData } from './lib/cloud/cloud-init';
export { derivedHostKey, md5Fingerprint } from './lib/cloud/host-key';
export type { SshHostKey } from './lib/cloud/host-key';
export { pollUntil } from './lib/cloud/poll';
export { createOnce } from './lib/cloud/idempotent-create';
export { cloudActionOptions } from './lib/cloud/timing-options';

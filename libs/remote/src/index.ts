// @provisioning/remote: connections to hosts. An ssh2 pool (one multiplexed connection per host),
// exec with streaming, timeouts and cancellation, SFTP with atomic writes, known_hosts checking,
// jump hosts, sudo, and a local executor with the same interface. See libs/remote/README.md.
export { ConnectionPool, isRemoteError, type ConnectionPoolOptions } from './lib/pool/connection-pool';
export type { PoolEvent, PoolEventListener } from './lib/pool/events';
export { HostExecutor, type CommandTransport, type RemoteExecOptions } from './lib/exec/host-executor';
export { createLocalExecutor, type LocalExecutorOptions } from './lib/local/local-executor';
export {
  RemoteFiles,
  type ReadFileOptions,
  type RemoteFileStat,
  type WriteFileOptions,
} from './lib/files/remote-files';
export { parseHostSpec, type HostSpec, type HostSpecInput } from './lib/host-spec';
export { resolveSecret, SecretUnavailableError, type SecretProvider, type SecretSource } from './lib/secret';
// Masking is the sdk's, shared with every library; re-exported for callers of this one.
export { Redactor, REDACTED } from '@provisioning/sdk';
export { backoffDelayMs, DEFAULT_CONNECT_RETRY, NO_RETRY, type RetryPolicy } from './lib/retry';
export {
  AuthError,
  CommandAbortedError,
  CommandTimeoutError,
  ConnectError,
  ConnectionLostError,
  FileTransferError,
  HostKeyChangedError,
  HostKeyUnknownError,
  RemoteConfigError,
  RemoteError,
  type HostKeyDetails,
  type PartialOutput,
} from './lib/errors';
export { sha256Fingerprint } from './lib/known-hosts/host-key';
export {
  appendKnownHost,
  knownHostsName,
  parseKnownHosts,
  type KnownHostEntry,
} from './lib/known-hosts/known-hosts-file';
export {
  ABSOLUTE_MAX_SCAN_ADDRESSES,
  DEFAULT_MAX_SCAN_ADDRESSES,
  parseIpv4Range,
  type Ipv4Range,
} from './lib/scan/cidr';
export { probeSsh, type ProbeOutcome, type SshHostKey } from './lib/scan/probe-ssh';
export { scanSsh, type FoundSshHost, type ScanOptions, type ScanResult } from './lib/scan/scan-ssh';
export {
  checkQuotingRoundTrip,
  generateFuzzStrings,
  seededRandom,
  type FuzzMismatch,
  type FuzzOptions,
  type FuzzReport,
  type RoundTripOptions,
} from './lib/fuzz/quoting-fuzz';

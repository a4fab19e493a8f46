import type { ExecResult } from '@provisioning/sdk';
import { AuthError, ConnectError, RemoteConfigError, RemoteError } from '../errors';
import { HostExecutor, type CommandTransport, type RemoteExecOptions } from '../exec/host-executor';
import type { SpawnedCommand } from '../exec/spawned-command';
import { LocalFileTransport, SftpFileTransport } from '../files/file-transport';
import { RemoteFiles } from '../files/remote-files';
import { connectionKey, defaultKnownHostsFiles, parseHostSpec, type HostSpec, type HostSpecInput } from '../host-spec';
import { LocalTransport } from '../local/local-transport';
import { Redactor } from '../redact';
import { DEFAULT_CONNECT_RETRY, NO_RETRY, withRetry, type RetryPolicy } from '../retry';
import { resolveSecret, SecretUnavailableError } from '../secret';
import { connectClient } from '../ssh/connect-client';
import { SshConnection } from '../ssh/ssh-connection';
import type { PoolEvent, PoolEventListener } from './events';

export interface ConnectionPoolOptions {
  hosts: readonly HostSpecInput[];
  /**
   * known_hosts files for hosts that name none. Default: the workspace file (if given) then
   * ~/.ssh/known_hosts. Keys accepted on first use go to the first file.
   */
  knownHostsFiles?: readonly string[];
  /** A workspace known_hosts checked before ~/.ssh/known_hosts (and written to on first use). */
  workspaceKnownHosts?: string;
  /** Trust on first use: record unknown host keys. A changed key still fails. Default false. */
  acceptNewHostKeys?: boolean;
  /** Default: 3 attempts, 250 ms doubling, 30% jitter. Only ConnectError is retried (not auth or host key). */
  connectRetry?: RetryPolicy;
  /** Retry commands whose connection dropped. Default: never (commands may not be idempotent). */
  commandRetry?: RetryPolicy;
  /** Values masked as *** in every error, event and collected output, on top of passwords the pool reads. */
  secrets?: readonly string[];
  onEvent?: PoolEventListener;
}

/**
 * One SSH connection per host (per jump chain), opened on first use and reused by every command
 * of the run; commands are multiplexed as channels on it, at most MaxSessions at once. A dropped
 * connection fails its commands in flight with ConnectionLostError and is reopened on next use.
 * Call `close()` at the end of the run.
 */
export class ConnectionPool {
  private readonly specs = new Map<string, HostSpec>();
  /** Connects in flight, by connection key. */
  private readonly connections = new Map<string, Promise<SshConnection>>();
  /** Open connections, by connection key. */
  private readonly live = new Map<string, SshConnection>();
  private readonly lastDrop = new Map<string, string>();
  private readonly executors = new Map<string, HostExecutor>();
  private readonly listeners = new Set<PoolEventListener>();
  private readonly secrets: string[];
  private readonly sudoPasswords = new Map<string, Promise<string | undefined>>();
  private closed = false;
  /** Aborted by close(): connects still in progress give up instead of holding close() up. */
  private readonly closing = new AbortController();

  constructor(private readonly options: ConnectionPoolOptions) {
    this.secrets = [...(options.secrets ?? [])];
    for (const input of options.hosts) {
      const spec = parseHostSpec(input);
      if (this.specs.has(spec.name)) throw new RemoteConfigError(spec.name, 'the host name appears twice in the inventory', 'give every host a unique name');
      this.specs.set(spec.name, spec);
    }
    if (options.onEvent) this.listeners.add(options.onEvent);
  }

  /** Subscribes to pool events; returns the unsubscribe function. */
  onEvent(listener: PoolEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hostNames(): string[] {
    return [...this.specs.keys()];
  }

  /** The `Executor` of one host (the per-host view the engine hands to operations). */
  executor(hostName: string): HostExecutor {
    const existing = this.executors.get(hostName);
    if (existing) return existing;
    const spec = this.spec(hostName);
    const executor = new HostExecutor({
      host: spec.name,
      transport: spec.connection === 'local' ? new LocalTransport() : this.sshTransport(spec),
      redactor: () => this.redactor(),
      sudoPassword: () => this.sudoPassword(spec),
      emit: (event) => this.emit(event),
      commandRetry: this.options.commandRetry ?? NO_RETRY,
    });
    this.executors.set(hostName, executor);
    return executor;
  }

  exec(hostName: string, commandLine: string, options?: RemoteExecOptions): Promise<ExecResult> {
    return this.executor(hostName).exec(commandLine, options);
  }

  /** Files on one host: SFTP over its pooled connection (fs for local hosts), atomic writes, remote sha256. */
  files(hostName: string): RemoteFiles {
    const spec = this.spec(hostName);
    const transport = spec.connection === 'local' ? new LocalFileTransport() : new SftpFileTransport(() => this.connection(spec));
    return new RemoteFiles(this.executor(hostName), transport);
  }

  /** Opens the host's connection now (for a fail-fast check before a run); commands do this lazily. */
  async connect(hostName: string): Promise<void> {
    const spec = this.spec(hostName);
    if (spec.connection === 'ssh') await this.connection(spec);
  }

  /** Session channels open and queued on the host's connection (zeros when not connected). */
  load(hostName: string): { open: number; queued: number } {
    const connection = this.live.get(connectionKey(this.spec(hostName)));
    return connection?.alive ? connection.load : { open: 0, queued: 0 };
  }

  /** Closes every connection, targets before the jump hosts they go through. Later commands fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled(this.connections.values());
    const byDepth = [...this.live.entries()].sort(([a], [b]) => b.split(' -> ').length - a.split(' -> ').length);
    this.live.clear();
    for (const [, connection] of byDepth) await connection.close();
  }

  private spec(hostName: string): HostSpec {
    const spec = this.specs.get(hostName);
    if (!spec) throw new RemoteConfigError(hostName, 'no such host in the inventory', `use one of: ${[...this.specs.keys()].join(', ') || '(none)'}`);
    return spec;
  }

  private sshTransport(spec: HostSpec): CommandTransport {
    const key = connectionKey(spec);
    const lastDrop = this.lastDrop;
    return {
      get downReason() {
        return lastDrop.get(key);
      },
      spawn: async (commandLine: string, signal?: AbortSignal): Promise<SpawnedCommand> => (await this.connection(spec)).exec(commandLine, signal),
    };
  }

  /** The live connection for `spec`, opening it (and its jump hosts) when needed. */
  private connection(spec: HostSpec): Promise<SshConnection> {
    const chain = [...spec.jump, spec];
    return this.hop(chain, chain.length - 1);
  }

  /**
   * Not async on purpose: callers arriving while a connect is in flight get the very same promise,
   * so they share its outcome (no stampede on the host) and resume in the order they called.
   */
  private hop(chain: HostSpec[], index: number): Promise<SshConnection> {
    const hop = chain[index];
    if (!hop) return Promise.reject(new RangeError(`no hop ${index} in a chain of ${chain.length}`));
    if (this.closed) return Promise.reject(new RemoteConfigError(chain[chain.length - 1]?.name ?? hop.name, 'the connection pool is closed', 'create a new pool for a new run'));
    const spec = { ...hop, jump: chain.slice(0, index) };
    const key = connectionKey(spec);
    const live = this.live.get(key);
    if (live?.alive) return Promise.resolve(live);
    const pending = this.connections.get(key);
    if (pending) return pending;

    const opening = this.open(chain, index, spec, key).then((connection) => {
      this.live.set(key, connection);
      connection.onClose(() => {
        if (this.live.get(key) === connection) this.live.delete(key);
      });
      return connection;
    });
    this.connections.set(key, opening);
    const settled = () => {
      if (this.connections.get(key) === opening) this.connections.delete(key);
    };
    opening.then(settled, settled);
    return opening;
  }

  private async open(chain: HostSpec[], index: number, spec: HostSpec, key: string): Promise<SshConnection> {
    const dropped = this.lastDrop.get(key);
    if (dropped) this.emit({ type: 'reconnect', host: spec.name, reason: dropped });
    const via = chain.slice(0, index).map((hop) => hop.name);
    const knownHostsFiles = spec.knownHostsFiles ?? this.options.knownHostsFiles ?? [...(this.options.workspaceKnownHosts ? [this.options.workspaceKnownHosts] : []), ...defaultKnownHostsFiles()];
    const policy = this.options.connectRetry ?? DEFAULT_CONNECT_RETRY;

    const connection = await withRetry(
      policy,
      async (attempt) => {
        const started = performance.now();
        try {
          const sock = index > 0 ? await this.forwardThrough(chain, index, spec) : undefined;
          const connected = await connectClient({
            spec,
            knownHostsFiles,
            acceptNewHostKeys: this.options.acceptNewHostKeys ?? false,
            via,
            ...(sock ? { sock } : {}),
            onSecrets: (secrets) => this.secrets.push(...secrets),
            signal: this.closing.signal,
          });
          if (connected.hostKeyAccepted) {
            this.emit({ type: 'host-key-accepted', host: spec.name, address: spec.address, port: spec.port, fingerprint: connected.hostKeyFingerprint, file: knownHostsFiles[0] ?? '' });
          }
          this.emit({ type: 'connect', host: spec.name, address: spec.address, port: spec.port, via, durationMs: performance.now() - started, attempt, hostKeyFingerprint: connected.hostKeyFingerprint });
          return new SshConnection(connected.client, spec.maxSessions);
        } catch (error) {
          const willRetry = attempt < policy.attempts && error instanceof ConnectError;
          const { name, message } = error as Error;
          this.emit({ type: 'connect-failed', host: spec.name, address: spec.address, port: spec.port, attempt, willRetry, error: { name, message: this.redactor().redact(message) } });
          throw error;
        }
      },
      (error) => error instanceof ConnectError && !this.closed,
    );

    this.lastDrop.delete(key);
    connection.onClose((reason, expected) => {
      if (!expected) this.lastDrop.set(key, reason);
      this.emit({ type: 'disconnect', host: spec.name, reason, expected });
    });
    return connection;
  }

  private async forwardThrough(chain: HostSpec[], index: number, spec: HostSpec) {
    const previous = await this.hop(chain, index - 1);
    const jumpName = chain[index - 1]?.name ?? '(jump host)';
    try {
      return await previous.forward(spec.address, spec.port);
    } catch (error) {
      throw new ConnectError(spec.name, `${spec.address}:${spec.port}`, `jump host ${jumpName} could not open a tunnel: ${(error as Error).message}`, `check that ${jumpName} can reach ${spec.address}:${spec.port} and allows TCP forwarding (AllowTcpForwarding)`, { cause: error });
    }
  }

  private sudoPassword(spec: HostSpec): Promise<string | undefined> {
    const secret = spec.sudoPassword;
    if (!secret) return Promise.resolve(undefined);
    let pending = this.sudoPasswords.get(spec.name);
    if (!pending) {
      pending = resolveSecret(secret, `${spec.name}: sudo password`).then(
        (password) => {
          this.secrets.push(password);
          return password;
        },
        (error: unknown) => {
          this.sudoPasswords.delete(spec.name);
          if (error instanceof SecretUnavailableError) throw new AuthError(spec.name, error.message, 'make the sudoPassword secret available or fix the host descriptor');
          throw error;
        },
      );
      this.sudoPasswords.set(spec.name, pending);
    }
    return pending;
  }

  private redactor(): Redactor {
    return new Redactor(this.secrets);
  }

  private emit(event: PoolEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a broken progress display must not break the run
      }
    }
  }
}

export function isRemoteError(error: unknown): error is RemoteError {
  return error instanceof RemoteError;
}

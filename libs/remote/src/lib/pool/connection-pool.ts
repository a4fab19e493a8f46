import type { ExecResult } from '@provisioning/sdk';
import { AuthError, RemoteConfigError, RemoteError } from '../errors';
import { HostExecutor, type CommandTransport, type RemoteExecOptions } from '../exec/host-executor';
import type { SpawnedCommand } from '../exec/spawned-command';
import { LocalFileTransport, SftpFileTransport } from '../files/file-transport';
import { RemoteFiles } from '../files/remote-files';
import { defaultKnownHostsFiles, parseHostSpec, type HostSpec, type HostSpecInput } from '../host-spec';
import { LocalTransport } from '../local/local-transport';
import { Redactor } from '@provisioning/sdk';
import { DEFAULT_CONNECT_RETRY, NO_RETRY, type RetryPolicy } from '../retry';
import { resolveSecret, SecretUnavailableError } from '../secret';
import type { PoolEvent, PoolEventListener } from './events';
import { SshConnector } from './ssh-connector';
import { HINTS } from '../hints';

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
  private readonly connector: SshConnector;
  private readonly executors = new Map<string, HostExecutor>();
  private readonly listeners = new Set<PoolEventListener>();
  private readonly secrets: string[];
  private readonly sudoPasswords = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: ConnectionPoolOptions) {
    this.secrets = [...(options.secrets ?? [])];
    for (const input of options.hosts) {
      const spec = parseHostSpec(input);
      if (this.specs.has(spec.name))
        throw new RemoteConfigError(
          spec.name,
          'the host name appears twice in the inventory',
          'give every host a unique name',
        );
      this.specs.set(spec.name, spec);
    }
    if (options.onEvent) this.listeners.add(options.onEvent);
    this.connector = new SshConnector({
      knownHostsFiles: (spec) =>
        spec.knownHostsFiles ??
        options.knownHostsFiles ?? [
          ...(options.workspaceKnownHosts ? [options.workspaceKnownHosts] : []),
          ...defaultKnownHostsFiles(),
        ],
      acceptNewHostKeys: options.acceptNewHostKeys ?? false,
      connectRetry: options.connectRetry ?? DEFAULT_CONNECT_RETRY,
      emit: (event) => this.emit(event),
      onSecrets: (secrets) => this.secrets.push(...secrets),
      redact: (text) => this.redactor().redact(text),
    });
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
      sudoByDefault: spec.sudo ?? false,
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
    const transport =
      spec.connection === 'local'
        ? new LocalFileTransport()
        : new SftpFileTransport(() => this.connector.connection(spec));
    return new RemoteFiles(this.executor(hostName), transport);
  }

  /** Opens the host's connection now (for a fail-fast check before a run); commands do this lazily. */
  async connect(hostName: string): Promise<void> {
    const spec = this.spec(hostName);
    if (spec.connection === 'ssh') await this.connector.connection(spec);
  }

  /** Session channels open and queued on the host's connection (zeros when not connected). */
  load(hostName: string): { open: number; queued: number } {
    return this.connector.current(this.spec(hostName))?.load ?? { open: 0, queued: 0 };
  }

  /** Closes every connection, targets before the jump hosts they go through. Later commands fail. */
  close(): Promise<void> {
    return this.connector.closeAll();
  }

  private spec(hostName: string): HostSpec {
    const spec = this.specs.get(hostName);
    if (!spec)
      throw new RemoteConfigError(
        hostName,
        'no such host in the inventory',
        `use one of: ${[...this.specs.keys()].join(', ') || '(none)'}`,
      );
    return spec;
  }

  private sshTransport(spec: HostSpec): CommandTransport {
    const connector = this.connector;
    return {
      get downReason() {
        return connector.downReason(spec);
      },
      spawn: async (commandLine: string, signal?: AbortSignal): Promise<SpawnedCommand> =>
        (await connector.connection(spec)).exec(commandLine, signal),
    };
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
          if (error instanceof SecretUnavailableError)
            throw new AuthError(spec.name, error.message, HINTS.secretUnavailable);
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

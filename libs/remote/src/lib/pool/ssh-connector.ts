import { setMaxListeners } from 'node:events';
import { ConnectError, RemoteConfigError } from '../errors';
import { connectionKey, type HostSpec } from '../host-spec';
import { withRetry, type RetryPolicy } from '../retry';
import { connectClient } from '../ssh/connect-client';
import { SshConnection } from '../ssh/ssh-connection';
import type { PoolEvent } from './events';

export interface SshConnectorSettings {
  readonly knownHostsFiles: (spec: HostSpec) => readonly string[];
  readonly acceptNewHostKeys: boolean;
  readonly connectRetry: RetryPolicy;
  readonly emit: (event: PoolEvent) => void;
  /** Secret values read while connecting (passwords, passphrases), to be masked from now on. */
  readonly onSecrets: (secrets: readonly string[]) => void;
  readonly redact: (text: string) => string;
}

/**
 * Owns the pool's SSH connections: one per host and jump chain, opened on first use (jump hosts
 * first, each next hop tunnelled through the previous), retried on ConnectError, forgotten when
 * they drop so the next use reconnects.
 */
export class SshConnector {
  /** Connects in flight, by connection key. */
  private readonly connections = new Map<string, Promise<SshConnection>>();
  /** Open connections, by connection key. */
  private readonly live = new Map<string, SshConnection>();
  /** Why each connection last dropped unexpectedly (cleared by a successful reconnect). */
  private readonly lastDrop = new Map<string, string>();
  private closed = false;
  /** Aborted by closeAll(): connects still in progress give up instead of holding the close up. */
  private readonly closing = new AbortController();

  constructor(private readonly settings: SshConnectorSettings) {
    // one listener per connect in progress: a fleet connects many hosts at once
    setMaxListeners(0, this.closing.signal);
  }

  /** The open connection of `spec`, if there is one (no connect). */
  current(spec: HostSpec): SshConnection | undefined {
    const connection = this.live.get(connectionKey(spec));
    return connection?.alive ? connection : undefined;
  }

  /** Why the connection of `spec` last dropped, while it has not reconnected. */
  downReason(spec: HostSpec): string | undefined {
    return this.lastDrop.get(connectionKey(spec));
  }

  /** Closes every connection, targets before the jump hosts they go through. */
  async closeAll(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled(this.connections.values());
    const byDepth = [...this.live.entries()].sort(
      ([a], [b]) => b.split(' -> ').length - a.split(' -> ').length,
    );
    this.live.clear();
    for (const [, connection] of byDepth) await connection.close();
  }

  /** The live connection for `spec`, opening it (and its jump hosts) when needed. */
  connection(spec: HostSpec): Promise<SshConnection> {
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
    if (this.closed)
      return Promise.reject(
        new RemoteConfigError(
          chain[chain.length - 1]?.name ?? hop.name,
          'the connection pool is closed',
          'create a new pool for a new run',
        ),
      );
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
    if (dropped) this.settings.emit({ type: 'reconnect', host: spec.name, reason: dropped });
    const via = chain.slice(0, index).map((hop) => hop.name);
    const knownHostsFiles = this.settings.knownHostsFiles(spec);
    const policy = this.settings.connectRetry;

    const connection = await withRetry(
      policy,
      async (attempt) => {
        const started = performance.now();
        try {
          const sock = index > 0 ? await this.forwardThrough(chain, index, spec) : undefined;
          const connected = await connectClient({
            spec,
            knownHostsFiles,
            acceptNewHostKeys: this.settings.acceptNewHostKeys,
            via,
            ...(sock ? { sock } : {}),
            onSecrets: this.settings.onSecrets,
            signal: this.closing.signal,
          });
          if (connected.hostKeyAccepted) {
            this.settings.emit({
              type: 'host-key-accepted',
              host: spec.name,
              address: spec.address,
              port: spec.port,
              fingerprint: connected.hostKeyFingerprint,
              file: knownHostsFiles[0] ?? '',
            });
          }
          this.settings.emit({
            type: 'connect',
            host: spec.name,
            address: spec.address,
            port: spec.port,
            via,
            durationMs: performance.now() - started,
            attempt,
            hostKeyFingerprint: connected.hostKeyFingerprint,
          });
          return new SshConnection(connected.client, spec.maxSessions);
        } catch (error) {
          const willRetry = attempt < policy.attempts && error instanceof ConnectError;
          const { name, message } = error as Error;
          this.settings.emit({
            type: 'connect-failed',
            host: spec.name,
            address: spec.address,
            port: spec.port,
            attempt,
            willRetry,
            error: { name, message: this.settings.redact(message) },
          });
          throw error;
        }
      },
      (error) => error instanceof ConnectError && !this.closed,
    );

    this.lastDrop.delete(key);
    connection.onClose((reason, expected) => {
      if (!expected) this.lastDrop.set(key, reason);
      this.settings.emit({ type: 'disconnect', host: spec.name, reason, expected });
    });
    return connection;
  }

  private async forwardThrough(chain: HostSpec[], index: number, spec: HostSpec) {
    const previous = await this.hop(chain, index - 1);
    const jumpName = chain[index - 1]?.name ?? '(jump host)';
    try {
      return await previous.forward(spec.address, spec.port);
    } catch (error) {
      throw new ConnectError(
        spec.name,
        `${spec.address}:${spec.port}`,
        `jump host ${jumpName} could not open a tunnel: ${(error as Error).message}`,
        `check that ${jumpName} can reach ${spec.address}:${spec.port} and allows TCP forwarding (AllowTcpForwarding)`,
        { cause: error },
      );
    }
  }
}

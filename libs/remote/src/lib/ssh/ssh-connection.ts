import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import type { Duplex } from 'node:stream';
import { Semaphore } from '../semaphore';
import type { ProcessOutcome, SpawnedCommand } from '../exec/spawned-command';

/** SSH_OPEN_CONNECT_FAILED: what OpenSSH answers when MaxSessions is reached. */
const CHANNEL_OPEN_CONNECT_FAILED = 2;
/** About 10 s of waiting in all before the refusal is reported. */
const OPEN_RETRIES = 45;

/**
 * One authenticated SSH connection and the session channels multiplexed on it. A semaphore keeps
 * open session channels (exec and SFTP) at or below the server's MaxSessions; later requests wait.
 */
export class SshConnection {
  private readonly sessions: Semaphore;
  private closedReason: string | undefined;
  private readonly closeListeners = new Set<(reason: string, expected: boolean) => void>();
  private closingOnPurpose = false;

  constructor(
    readonly client: Client,
    maxSessions: number,
  ) {
    this.sessions = new Semaphore(maxSessions);
    let lastError: Error | undefined;
    client.on('error', (error: Error) => (lastError = error));
    client.on('close', () => {
      this.closedReason = this.closingOnPurpose
        ? 'closed by the pool'
        : lastError
          ? `connection closed: ${lastError.message}`
          : 'connection closed by the server or the network';
      for (const listener of this.closeListeners) listener(this.closedReason, this.closingOnPurpose);
    });
  }

  get alive(): boolean {
    return this.closedReason === undefined;
  }

  /** Session channels open right now and requests waiting for one. */
  get load(): { open: number; queued: number } {
    return { open: this.sessions.inUse, queued: this.sessions.queued };
  }

  onClose(listener: (reason: string, expected: boolean) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Opens an exec channel once a session slot is free; the slot is released when the channel closes. */
  async exec(commandLine: string, signal?: AbortSignal): Promise<SpawnedCommand> {
    const release = await this.sessions.acquire(signal);
    try {
      // spawnedFrom runs inside ssh2's callback: the exit status can arrive in the same TCP read
      // as the channel confirmation, and would be emitted before a listener attached after an await.
      return await this.openSessionChannel<SpawnedCommand>(
        (opened, failed) =>
          this.client.exec(commandLine, (error, channel) =>
            error ? failed(error) : opened(this.spawnedFrom(channel, release)),
          ),
        signal,
      );
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Runs `work` with an SFTP session holding one session slot. */
  async withSftp<T>(work: (sftp: SFTPWrapper) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.sessions.acquire(signal);
    try {
      const sftp = await this.openSessionChannel<SFTPWrapper>(
        (opened, failed) => this.client.sftp((error, channel) => (error ? failed(error) : opened(channel))),
        signal,
      );
      try {
        return await work(sftp);
      } finally {
        sftp.end();
      }
    } finally {
      release();
    }
  }

  /**
   * Opens a session channel, retrying while the server refuses with "open failed". OpenSSH frees
   * a session slot only after it has processed our CHANNEL_CLOSE and reaped the command, a moment
   * after we see the channel close; a request sent in that moment is refused although we never
   * exceed MaxSessions. The same retry keeps us working when the server's limit is lower than ours.
   */
  private async openSessionChannel<T>(
    open: (opened: (channel: T) => void, failed: (error: Error) => void) => void,
    signal?: AbortSignal,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await new Promise<T>((resolve, reject) => {
          if (!this.alive) return reject(new Error(this.closedReason));
          open(resolve, reject);
        });
      } catch (error) {
        const refused = (error as { reason?: number }).reason === CHANNEL_OPEN_CONNECT_FAILED;
        if (!refused || !this.alive || signal?.aborted || attempt >= OPEN_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 250)));
      }
    }
  }

  /** A TCP stream to `address:port` opened from this host (ProxyJump). Not a session channel. */
  forward(address: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) =>
      this.client.forwardOut('127.0.0.1', 0, address, port, (error, stream) =>
        error ? reject(error) : resolve(stream),
      ),
    );
  }

  /** Says goodbye politely; a peer that does not answer within `graceMs` gets its socket destroyed. */
  close(graceMs = 2_000): Promise<void> {
    if (!this.alive) return Promise.resolve();
    this.closingOnPurpose = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.client.destroy(), graceMs);
      this.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
      this.client.end();
    });
  }

  private spawnedFrom(channel: ClientChannel, release: () => void): SpawnedCommand {
    let exit: { code: number | null; signal?: string } | undefined;
    channel.on(
      'exit',
      (code: number | null, signal?: string) => (exit = { code, ...(signal ? { signal } : {}) }),
    );
    const finished = new Promise<ProcessOutcome>((resolve) => {
      channel.once('close', () => {
        release();
        const settle = () =>
          resolve(
            exit
              ? { kind: 'exited', ...exit }
              : this.alive
                ? { kind: 'exited', code: null, signal: 'closed' }
                : { kind: 'lost', reason: this.closedReason ?? 'connection closed' },
          );
        // 'close' follows the end of stdout; stderr may still hold its last chunk.
        if (channel.stderr.readableEnded) settle();
        else channel.stderr.once('end', settle);
      });
    });
    return {
      stdin: channel,
      stdout: channel,
      stderr: channel.stderr,
      finished,
      terminate: () => {
        // OpenSSH (7.9+) delivers the signal to the command; closing the channel covers older servers.
        try {
          channel.signal('KILL');
        } catch {
          // the channel may already be closed
        }
        channel.close();
      },
    };
  }
}

import type { ExecOptions, ExecResult, Executor } from '@provisioning/sdk';
import { CommandAbortedError, ConnectionLostError, RemoteConfigError, RemoteError } from '../errors';
import type { PoolEvent } from '../pool/events';
import type { Redactor } from '@provisioning/sdk';
import { NO_RETRY, withRetry, type RetryPolicy } from '../retry';
import { InvalidExecOptionError, killCommand, planCommand, type CommandPlan } from './command-line';
import { LineSplitter } from './line-splitter';
import { runCommand, type OutputStream } from './run-command';
import type { SpawnedCommand } from './spawned-command';

/** Starts a command line on one host: an SSH exec channel or a local /bin/sh. */
export interface CommandTransport {
  /** Rejects with a RemoteError when the host cannot be reached (connect, auth, host key). */
  spawn(commandLine: string, signal?: AbortSignal): Promise<SpawnedCommand>;
  /** Why the transport is down, when it is (for errors raised while opening a channel). */
  readonly downReason?: string | undefined;
  /** True when `terminate()` already kills the whole process group (local); otherwise the executor runs `kill` on the host. */
  readonly terminateKillsGroup?: boolean;
}

export interface RemoteExecOptions extends ExecOptions {
  /**
   * Retry the whole command when the connection drops under it. Only for idempotent commands:
   * the pool cannot know whether the first attempt changed the host. Default: no retry.
   */
  retry?: RetryPolicy;
}

export interface HostExecutorSettings {
  readonly host: string;
  readonly transport: CommandTransport;
  /** The current redactor (it grows as secrets are read, so it is asked for on every command). */
  readonly redactor: () => Redactor;
  readonly sudoPassword?: () => Promise<string | undefined>;
  /** The host's default for commands that do not set `sudo` themselves. */
  readonly sudoByDefault?: boolean;
  readonly emit?: (event: PoolEvent) => void;
  readonly commandRetry?: RetryPolicy;
}

let nextExecId = 1;

/**
 * The `Executor` of one host: wraps the command (env, cwd, sudo), runs it over the host's
 * transport, emits start/output/end events, and retries dropped connections only when asked.
 */
export class HostExecutor implements Executor {
  readonly host: string;

  constructor(private readonly settings: HostExecutorSettings) {
    this.host = settings.host;
  }

  /** Masks the pool's secrets (and `extra`) in text, for messages built outside the executor. */
  redact(text: string, extra?: readonly string[]): string {
    return this.settings.redactor().with(extra).redact(text);
  }

  async exec(commandLine: string, execOptions: RemoteExecOptions = {}): Promise<ExecResult> {
    const options =
      execOptions.sudo === undefined && this.settings.sudoByDefault
        ? { ...execOptions, sudo: true }
        : execOptions;
    const redactor = this.settings.redactor().with(options.secrets);
    const displayCommand = redactor.redact(commandLine);
    let plan: CommandPlan;
    try {
      plan = planCommand(commandLine, {
        ...options,
        killable: options.timeoutMs !== undefined || options.signal !== undefined,
      });
    } catch (error) {
      if (error instanceof InvalidExecOptionError)
        throw new RemoteConfigError(
          this.host,
          redactor.redact(`${error.message} (command: ${displayCommand})`),
          'pass env names made of letters, digits and underscores',
        );
      throw error;
    }
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new RemoteConfigError(
        this.host,
        `timeoutMs must be a positive number, got ${options.timeoutMs}`,
        'omit timeoutMs for no limit',
      );
    }
    const sudoPassword =
      plan.sudo && this.settings.sudoPassword ? await this.settings.sudoPassword() : undefined;
    const policy = options.retry ?? this.settings.commandRetry ?? NO_RETRY;
    return withRetry(
      policy,
      () => this.runOnce(plan, displayCommand, redactor, sudoPassword, options),
      (error) => error instanceof ConnectionLostError,
      (attempt, delayMs, error) =>
        this.settings.emit?.({
          type: 'retry',
          host: this.host,
          command: displayCommand,
          attempt,
          delayMs,
          reason: (error as Error).message,
        }),
      options.signal,
    );
  }

  private async runOnce(
    plan: CommandPlan,
    displayCommand: string,
    redactor: Redactor,
    sudoPassword: string | undefined,
    options: RemoteExecOptions,
  ): Promise<ExecResult> {
    const execId = nextExecId++;
    const emit = this.settings.emit;
    const spawned = await this.spawn(plan, displayCommand, options.signal);
    const started = performance.now();
    emit?.({ type: 'exec-start', host: this.host, execId, command: displayCommand, sudo: plan.sudo });

    const lines = emit
      ? {
          stdout: this.lineEmitter(execId, 'stdout', redactor),
          stderr: this.lineEmitter(execId, 'stderr', redactor),
        }
      : undefined;
    try {
      const result = await runCommand(spawned, {
        host: this.host,
        displayCommand,
        plan,
        stdin: options.stdin,
        sudoPassword,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        redactor,
        onStopped: (processGroup) => {
          if (processGroup !== undefined && !this.settings.transport.terminateKillsGroup)
            this.killRemote(processGroup, plan.sudo);
        },
        onStdout: (chunk) => {
          lines?.stdout.push(chunk);
          options.onStdout?.(chunk);
        },
        onStderr: (chunk) => {
          lines?.stderr.push(chunk);
          options.onStderr?.(chunk);
        },
      });
      lines?.stdout.flush();
      lines?.stderr.flush();
      emit?.({
        type: 'exec-end',
        host: this.host,
        execId,
        command: displayCommand,
        durationMs: result.durationMs,
        code: result.code,
        ...(result.signal ? { signal: result.signal } : {}),
      });
      return result;
    } catch (error) {
      lines?.stdout.flush();
      lines?.stderr.flush();
      const { name, message } = error as Error;
      emit?.({
        type: 'exec-end',
        host: this.host,
        execId,
        command: displayCommand,
        durationMs: performance.now() - started,
        code: null,
        error: { name, message },
      });
      throw error;
    }
  }

  private async spawn(
    plan: CommandPlan,
    displayCommand: string,
    signal: AbortSignal | undefined,
  ): Promise<SpawnedCommand> {
    try {
      return await abortable(this.settings.transport.spawn(plan.commandLine, signal), signal);
    } catch (error) {
      if (error instanceof RemoteError) throw error;
      const empty = { stdout: '', stderr: '' };
      if (signal?.aborted) throw new CommandAbortedError(this.host, displayCommand, empty);
      const reason =
        this.settings.transport.downReason ?? `could not open a channel: ${(error as Error).message}`;
      throw new ConnectionLostError(this.host, displayCommand, reason, empty, { cause: error });
    }
  }

  /** Kills what a timed-out or aborted command left running; failures only mean it is already gone. */
  private killRemote(processGroup: number, sudo: boolean): void {
    this.exec(killCommand(processGroup), { sudo, timeoutMs: 30_000 }).catch(() => undefined);
  }

  private lineEmitter(execId: number, stream: OutputStream, redactor: Redactor): LineSplitter {
    return new LineSplitter((line) =>
      this.settings.emit?.({ type: 'output', host: this.host, execId, stream, line: redactor.redact(line) }),
    );
  }
}

/**
 * Stops waiting for `starting` when `signal` aborts (a connect in progress cannot be interrupted,
 * but the caller need not wait for it). A command that starts after all is terminated at once.
 */
function abortable(
  starting: Promise<SpawnedCommand>,
  signal: AbortSignal | undefined,
): Promise<SpawnedCommand> {
  if (!signal) return starting;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      starting.then(
        (late) => late.terminate(),
        () => undefined,
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    starting.then(
      (spawned) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) spawned.terminate();
        else resolve(spawned);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

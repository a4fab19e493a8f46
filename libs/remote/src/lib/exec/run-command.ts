import type { ExecResult } from '@provisioning/sdk';
import {
  AuthError,
  CommandAbortedError,
  CommandTimeoutError,
  ConnectionLostError,
  type PartialOutput,
} from '../errors';
import type { Redactor } from '@provisioning/sdk';
import type { CommandPlan } from './command-line';
import type { SpawnedCommand } from './spawned-command';
import { HINTS } from '../hints';

export type OutputStream = 'stdout' | 'stderr';

/** How long a stopped command waits for its process-group announcement before giving up the kill. */
const PREAMBLE_GRACE_MS = 2000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface CommandRunContext {
  readonly host: string;
  /** The caller's command, redacted: what errors show. */
  readonly displayCommand: string;
  readonly plan: CommandPlan;
  readonly stdin?: string | Buffer;
  readonly sudoPassword?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onStdout?: (chunk: Buffer) => void;
  readonly onStderr?: (chunk: Buffer) => void;
  readonly redactor: Redactor;
  /** Called once when a timeout or abort stops the command, with its process group if it announced one. */
  readonly onStopped?: (processGroup: number | undefined) => void;
}

/**
 * Drives one started command to its result: feeds stdin (after sudo's password, if sudo asks),
 * collects and streams output, enforces the timeout and the abort signal, and turns a dead
 * transport into ConnectionLostError. Collected stdout/stderr are redacted; the live chunk
 * callbacks get the raw bytes.
 */
export function runCommand(spawned: SpawnedCommand, context: CommandRunContext): Promise<ExecResult> {
  const startedAt = performance.now();
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const partial = (): PartialOutput => ({
    stdout: context.redactor.redact(Buffer.concat(stdout).toString('utf8')),
    stderr: context.redactor.redact(Buffer.concat(stderr).toString('utf8')),
  });

  return new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    let gate: PreambleGate | undefined;
    const cleanups: Array<() => void> = [];
    const settle = (outcome: { result: ExecResult } | { error: Error }) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      if ('error' in outcome) {
        const stop = () => {
          spawned.terminate();
          context.onStopped?.(gate?.processGroup);
        };
        // sshd forwards stdout and stderr from separate pipes, so a command's first output can
        // arrive before the preamble that names its process group: give that a moment to come.
        if (gate && !gate.started) void Promise.race([gate.announced, delay(PREAMBLE_GRACE_MS)]).then(stop);
        else stop();
        reject(outcome.error);
      } else {
        resolve(outcome.result);
      }
    };

    if (context.timeoutMs !== undefined) {
      const timeoutMs = context.timeoutMs;
      const timer = setTimeout(
        () =>
          settle({
            error: new CommandTimeoutError(context.host, context.displayCommand, timeoutMs, partial()),
          }),
        timeoutMs,
      );
      cleanups.push(() => clearTimeout(timer));
    }
    if (context.signal) {
      const signal = context.signal;
      const onAbort = () =>
        settle({ error: new CommandAbortedError(context.host, context.displayCommand, partial()) });
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }

    // A peer that closes stdin early (a command that never reads it) is not an error.
    spawned.stdin.on('error', () => undefined);
    const writeCallerStdin = () => {
      if (context.stdin !== undefined && context.stdin.length > 0) spawned.stdin.write(context.stdin);
      spawned.stdin.end();
    };

    spawned.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      context.onStdout?.(chunk);
    });
    const forwardStderr = (chunk: Buffer) => {
      if (chunk.length === 0) return;
      stderr.push(chunk);
      context.onStderr?.(chunk);
    };

    const preamble = context.plan.preamble;
    if (preamble) {
      gate = new PreambleGate(preamble.started, preamble.sudoPrompt, {
        onPrompt: (count) => {
          if (context.sudoPassword === undefined) {
            settle({
              error: new AuthError(
                context.host,
                `sudo asks for a password to run: ${context.displayCommand}`,
                HINTS.sudoAsks,
              ),
            });
          } else if (count > 1) {
            settle({
              error: new AuthError(
                context.host,
                `sudo rejected the password for: ${context.displayCommand}`,
                HINTS.sudoRejects,
              ),
            });
          } else {
            spawned.stdin.write(`${context.sudoPassword}\n`);
          }
        },
        onStarted: (rest) => {
          forwardStderr(rest);
          writeCallerStdin();
        },
      });
      spawned.stderr.on('data', (chunk: Buffer) =>
        gate?.started ? forwardStderr(chunk) : gate?.push(chunk),
      );
    } else {
      spawned.stderr.on('data', forwardStderr);
      writeCallerStdin();
    }

    spawned.finished.then((outcome) => {
      if (outcome.kind === 'lost') {
        settle({
          error: new ConnectionLostError(context.host, context.displayCommand, outcome.reason, partial()),
        });
        return;
      }
      if (gate && !gate.started) stderr.push(gate.leftover());
      const { stdout: out, stderr: err } = partial();
      settle({
        result: {
          code: outcome.code,
          ...(outcome.signal ? { signal: outcome.signal } : {}),
          stdout: out,
          stderr: err,
          durationMs: performance.now() - startedAt,
        },
      });
    });
  });
}

/**
 * Watches stderr until the command announces itself: answers sudo's password prompts (counting
 * them: a second prompt means a wrong password), then reads the started marker with the process
 * group id and passes on whatever follows it.
 */
class PreambleGate {
  started = false;
  processGroup: number | undefined;
  /** Settles when the started marker (with the process group) has been read. */
  readonly announced: Promise<void>;
  private announce: () => void = () => undefined;
  private buffered = Buffer.alloc(0);
  private prompts = 0;

  constructor(
    private readonly startedMarker: string,
    private readonly promptMarker: string | undefined,
    private readonly handlers: { onPrompt: (count: number) => void; onStarted: (rest: Buffer) => void },
  ) {
    this.announced = new Promise((resolve) => (this.announce = resolve));
  }

  push(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (let prompt = this.findPrompt(); prompt >= 0; prompt = this.findPrompt()) {
      const marker = this.promptMarker ?? '';
      this.buffered = Buffer.concat([
        this.buffered.subarray(0, prompt),
        this.buffered.subarray(prompt + marker.length),
      ]);
      this.handlers.onPrompt(++this.prompts);
    }
    const start = this.buffered.indexOf(this.startedMarker);
    if (start < 0) return;
    const end = this.buffered.indexOf('>>', start + this.startedMarker.length);
    if (end < 0) return;
    this.started = true;
    const group = Number(this.buffered.subarray(start + this.startedMarker.length, end).toString('ascii'));
    this.processGroup = Number.isInteger(group) && group > 1 ? group : undefined;
    const rest = this.buffered.subarray(end + 2);
    this.buffered = Buffer.alloc(0);
    this.announce();
    this.handlers.onStarted(rest);
  }

  /** What sudo printed when the command never started (for example "not in the sudoers file"). */
  leftover(): Buffer {
    return this.buffered;
  }

  private findPrompt(): number {
    return this.promptMarker ? this.buffered.indexOf(this.promptMarker) : -1;
  }
}

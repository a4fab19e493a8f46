import type { SecretStore } from '@provisioning/config';
import {
  CommandAbortedError,
  CommandTimeoutError,
  type ConnectionPool,
  type PoolEvent,
} from '@provisioning/remote';
import { quote, redact } from '@provisioning/sdk';
import { EngineError } from '../errors';
import { mapLimit } from '../run/map-limit';

export interface AdHocHostResult {
  host: string;
  /** Exit code; null when the command never finished (unreachable host, timeout, signal). */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  signal?: string;
  /** Why there is no exit code, with what to do about it. */
  error?: { message: string; hint?: string };
}

export interface AdHocResult {
  /** The command as given (its `{{secret.X}}` references unexpanded). */
  command: string;
  hosts: AdHocHostResult[];
  ok: number;
  failed: number;
}

/** A line of a host's output as it arrives, redacted. */
export type AdHocEvent = { type: 'command-output'; host: string; stream: 'stdout' | 'stderr'; line: string };

export interface AdHocCommandOptions {
  hosts: readonly string[];
  sudo?: boolean;
  timeoutMs?: number;
  parallel: number;
  signal?: AbortSignal;
  onEvent?: (event: AdHocEvent) => void;
  /** For `{{env.X}}` and `{{secret.X}}` in the command line. */
  env: NodeJS.ProcessEnv;
  secrets: SecretStore;
}

/** `{{secret.NAME}}` and `{{env.NAME}}`; any other `{{...}}` (a Go template of docker or kubectl) stays as typed. */
const REFERENCE = /\{\{\s*(secret|env)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Runs one command line on several hosts through the pool, at most `parallel` at once. The line
 * reaches each host as given, except that `{{secret.X}}` and `{{env.X}}` become their values
 * quoted for sh; every secret value is masked in the streamed lines, the collected output and the
 * errors, by the same redaction as plans and runs.
 */
export async function runAdHocCommand(
  pool: ConnectionPool,
  command: string,
  options: AdHocCommandOptions,
): Promise<AdHocResult> {
  const { line, secrets } = expandCommand(command, options);
  const ours = new Map<string, number>();
  const stopStreaming = pool.onEvent((event: PoolEvent) => {
    // The first command a host starts is ours; a later one is the pool killing it after a timeout.
    if (event.type === 'exec-start' && options.hosts.includes(event.host) && !ours.has(event.host))
      ours.set(event.host, event.execId);
    if (event.type === 'output' && ours.get(event.host) === event.execId) {
      options.onEvent?.({
        type: 'command-output',
        host: event.host,
        stream: event.stream,
        line: redact(event.line, secrets),
      });
    }
  });
  try {
    const hosts = await mapLimit(options.hosts, options.parallel, (host) =>
      runOnHost(pool, host, line, secrets, options),
    );
    const ok = hosts.filter((host) => host.code === 0).length;
    return { command, hosts, ok, failed: hosts.length - ok };
  } finally {
    stopStreaming();
  }
}

function expandCommand(command: string, options: AdHocCommandOptions): { line: string; secrets: string[] } {
  const secrets: string[] = [];
  const line = command.replace(REFERENCE, (_, namespace: string, name: string) => {
    if (namespace === 'env') {
      const value = options.env[name];
      if (value === undefined)
        throw new EngineError(
          `{{env.${name}}} in the command: the environment variable ${name} is not set`,
          'export it, or remove the reference',
          'usage',
        );
      return quote(value);
    }
    const secret = options.secrets.get(name);
    if (!secret)
      throw new EngineError(
        `{{secret.${name}}} in the command: no secret named ${name}`,
        `looked in ${options.secrets.sources.join(', ')}`,
        'usage',
      );
    secrets.push(secret.reveal());
    return quote(secret.reveal());
  });
  return { line, secrets };
}

async function runOnHost(
  pool: ConnectionPool,
  host: string,
  line: string,
  secrets: string[],
  options: AdHocCommandOptions,
): Promise<AdHocHostResult> {
  const started = performance.now();
  const mask = (text: string) => redact(text, secrets);
  try {
    const result = await pool.exec(host, line, {
      sudo: options.sudo,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      secrets,
    });
    return {
      host,
      code: result.code,
      stdout: mask(result.stdout),
      stderr: mask(result.stderr),
      durationMs: Math.round(result.durationMs),
      ...(result.signal ? { signal: result.signal } : {}),
    };
  } catch (error) {
    const partial = (error as { partial?: { stdout: string; stderr: string } }).partial;
    const described = describeError(host, error);
    return {
      host,
      code: null,
      stdout: mask(partial?.stdout ?? ''),
      stderr: mask(partial?.stderr ?? ''),
      durationMs: Math.round(performance.now() - started),
      error: { message: mask(described.message), ...(described.hint ? { hint: mask(described.hint) } : {}) },
    };
  }
}

/**
 * Remote errors read `host: what happened\nHint: what to do`; keep the two apart, without the
 * host. Timeouts and Ctrl-C get hints in this command's terms (the library's name options and
 * idempotent operations, which an ad-hoc command is not).
 */
function describeError(host: string, error: unknown): { message: string; hint?: string } {
  if (error instanceof CommandTimeoutError) {
    return {
      message: `timed out after ${error.timeoutMs / 1000}s; the command was killed on the host`,
      hint: 'pass a larger --timeout (seconds) if it is legitimately slow',
    };
  }
  if (error instanceof CommandAbortedError) {
    return {
      message: 'interrupted (Ctrl-C); the command was killed on the host',
      hint: 'what it did before that stays done: check before running it again',
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  const [message, hintInText] = text.split('\nHint: ', 2);
  const hint =
    error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : hintInText;
  return {
    message: message.startsWith(`${host}: `) ? message.slice(host.length + 2) : message,
    ...(hint ? { hint } : {}),
  };
}

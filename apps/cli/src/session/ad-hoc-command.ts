import { CommandAbortedError, CommandTimeoutError, type ConnectionPool, type PoolEvent } from '@provisioning/remote';
import type { Output } from '../cli/output';

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
  command: string;
  hosts: AdHocHostResult[];
  ok: number;
  failed: number;
}

export interface AdHocOptions {
  /** The command line as the user typed it: it reaches each host as is, never re-quoted. */
  command: string;
  hosts: readonly string[];
  sudo?: boolean;
  timeoutMs?: number;
  parallel: number;
  signal?: AbortSignal;
}

/**
 * Runs one command on several hosts through the session's pool, at most `parallel` at once.
 * Output streams as it comes, each line prefixed with its host (redacted, line-buffered pool
 * events); the collected output per host is in the result for --output json.
 */
export async function runAdHocCommand(pool: ConnectionPool, out: Output, options: AdHocOptions): Promise<AdHocResult> {
  const width = Math.max(...options.hosts.map((host) => host.length));
  const ours = new Map<string, number>();
  const stopStreaming = pool.onEvent((event: PoolEvent) => {
    // The first command a host starts is ours; a later one is the pool killing it after a timeout.
    if (event.type === 'exec-start' && !ours.has(event.host)) ours.set(event.host, event.execId);
    if (event.type === 'output' && ours.get(event.host) === event.execId) {
      const style = event.stream === 'stdout' ? out.style : out.errStyle;
      out.resultLine(`${style.dim(`${event.host.padEnd(width)} |`)} ${event.line}`, event.stream);
    }
  });
  try {
    const hosts = await inParallel(options.hosts, options.parallel, (host) => runOnHost(pool, host, options));
    const ok = hosts.filter((host) => host.code === 0).length;
    return { command: options.command, hosts, ok, failed: hosts.length - ok };
  } finally {
    stopStreaming();
  }
}

async function runOnHost(pool: ConnectionPool, host: string, options: AdHocOptions): Promise<AdHocHostResult> {
  const started = performance.now();
  try {
    const result = await pool.exec(host, options.command, { sudo: options.sudo, timeoutMs: options.timeoutMs, signal: options.signal });
    return { host, code: result.code, stdout: result.stdout, stderr: result.stderr, durationMs: Math.round(result.durationMs), ...(result.signal ? { signal: result.signal } : {}) };
  } catch (error) {
    const partial = (error as { partial?: { stdout: string; stderr: string } }).partial;
    return {
      host,
      code: null,
      stdout: partial?.stdout ?? '',
      stderr: partial?.stderr ?? '',
      durationMs: Math.round(performance.now() - started),
      error: describeError(host, error),
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
    return { message: `timed out after ${error.timeoutMs / 1000}s; the command was killed on the host`, hint: 'pass a larger --timeout (seconds) if it is legitimately slow' };
  }
  if (error instanceof CommandAbortedError) {
    return { message: 'interrupted (Ctrl-C); the command was killed on the host', hint: 'what it did before that stays done: check before running it again' };
  }
  const text = error instanceof Error ? error.message : String(error);
  const [message, hintInText] = text.split('\nHint: ', 2);
  const hint = error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : hintInText;
  return { message: message.startsWith(`${host}: `) ? message.slice(host.length + 2) : message, ...(hint ? { hint } : {}) };
}

async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecOptions, ExecResult, Executor } from '@provisioning/sdk';

/** One command the engine sent to a host: one round trip. */
export interface RoundTrip {
  /** Milliseconds since the run started, and how long the command took. */
  startMs: number;
  ms: number;
  /** Bytes of command line plus stdin, and of stdout. */
  sentBytes: number;
  receivedBytes: number;
  code: number | null;
}

/**
 * An executor that passes every command through and records it, to count round trips independently
 * of the engine. With FANOUT_DUMP=DIR every round trip's command, script and output is also written
 * to DIR/<pid>-<host>-<n>.sh (to read or replay a chain with strace when hunting host CPU).
 */
export function countingExecutor(inner: Executor, log: RoundTrip[], origin: number): Executor {
  return {
    host: inner.host,
    async exec(commandLine: string, options?: ExecOptions): Promise<ExecResult> {
      const start = performance.now();
      const result = await inner.exec(commandLine, options);
      const dump = process.env.FANOUT_DUMP;
      if (dump)
        writeFileSync(
          join(dump, `${process.pid}-${inner.host}-${log.length}.sh`),
          `${commandLine}\n---stdin\n${options?.stdin ?? ''}\n---stdout\n${result.stdout}\n---stderr\n${result.stderr}`,
        );
      log.push({
        startMs: Math.round(start - origin),
        ms: Math.round(performance.now() - start),
        sentBytes: commandLine.length + (options?.stdin?.length ?? 0),
        receivedBytes: result.stdout.length,
        code: result.code,
      });
      return result;
    },
  };
}

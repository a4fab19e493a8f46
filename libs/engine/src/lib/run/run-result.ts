import type { RunAction } from './engine-events';

export interface HostFailure {
  operationId?: string;
  message: string;
  /** The (redacted) command that failed, when one did. */
  command?: string;
  exitCode?: number | null;
  stderrTail?: readonly string[];
  nextStep?: string;
}

/** One host's outcome over every wave of the run: the summary table's row. */
export interface HostRunSummary {
  host: string;
  status: 'ok' | 'failed' | 'skipped';
  changed: number;
  unchanged: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** Commands sent to the host: host facts, each plan's facts, each apply wave, each outputs read. */
  roundTrips: number;
  steps: string[];
  error?: HostFailure;
  /** Why the host was not worked on (a failed dependency, fail-fast, cancellation). */
  skippedBecause?: string;
}

export interface RunResult {
  runId?: string;
  infra: string;
  action: RunAction;
  status: 'succeeded' | 'failed' | 'cancelled';
  hosts: HostRunSummary[];
  changed: number;
  failedHosts: number;
  durationMs: number;
}

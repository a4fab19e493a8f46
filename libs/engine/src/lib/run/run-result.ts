import type { RunAction } from './engine-events';

export interface HostFailure {
  operationId?: string;
  message: string;
  /** The (redacted) command that failed, when one did. */
  command?: string;
  exitCode?: number | null;
  stderrTail?: readonly string[];
  nextStep?: string;
  /** The host was refused because it changed since the plan: which operations, and what changed. */
  stale?: Array<{ operationId: string; changed: string[] }>;
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
  /** Why the run stopped starting hosts (fail-fast, max-fail-percent, cancellation, a lost lock). */
  stoppedBecause?: string;
  /** The infra lock was taken away during the run: it stopped at the next host boundary. */
  lockLost?: boolean;
}

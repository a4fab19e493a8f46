import type { HostRunSummary } from './run-result';

export interface FailurePolicyOptions {
  /** Stop starting hosts after the first failure (hosts already running finish). */
  failFast?: boolean;
  /** Stop starting hosts once more than this percentage of the run's hosts failed. */
  maxFailPercent?: number;
}

/**
 * Decides whether a host's next batch may start: not after cancellation or a lost lock, not on a
 * host that failed earlier, not when a step it depends on did not complete, and not once
 * fail-fast or max-fail-percent stopped the run. Returns why not, or undefined.
 */
export class FailurePolicy {
  /** Steps that did not reach their desired state: what depends on them is skipped. */
  readonly brokenSteps = new Set<string>();
  private stopReason: string | undefined;

  constructor(
    private readonly options: FailurePolicyOptions,
    private readonly stopped: () => string | undefined,
  ) {}

  /** Why the whole run stopped starting hosts, if it did. */
  get reason(): string | undefined {
    return this.stopReason;
  }

  blockedBy(
    host: string,
    dependsOn: readonly string[],
    summary: HostRunSummary,
    summaries: Iterable<HostRunSummary>,
    totalHosts: number,
  ): string | undefined {
    const stopped = this.stopped();
    if (stopped) return (this.stopReason ??= stopped);
    if (this.stopReason) return this.stopReason;
    if (summary.status === 'failed') return `${host} failed earlier in this run`;
    const failedDependency = dependsOn.find((id) => this.brokenSteps.has(id));
    if (failedDependency) return `it depends on ${failedDependency}, which did not complete`;
    const failedHosts = [...summaries].filter((s) => s.status === 'failed').length;
    if (this.options.failFast && failedHosts > 0) return (this.stopReason = 'fail-fast: a host failed');
    const limit = this.options.maxFailPercent;
    if (limit !== undefined && (failedHosts / totalHosts) * 100 > limit) {
      return (this.stopReason = `more than ${limit}% of hosts failed (${failedHosts} of ${totalHosts})`);
    }
    return undefined;
  }
}

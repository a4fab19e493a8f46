import type { RunnerEvent, WorkflowStoreMetrics } from '@provisioning/engine';

/** Upper bounds (seconds) of the step-duration histogram buckets. */
const BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

/**
 * The orchestrator's Prometheus metrics: what the store counts (queue depth, steps and workflows
 * by state, shared by every worker) and what this process measured (step durations, outcomes).
 */
export class Metrics {
  private readonly counts = new Map<string, number[]>();
  private readonly sums = new Map<string, number>();
  private readonly outcomes = new Map<string, number>();

  /** Feeds the runner's events (pass as its `onEvent`). */
  record(event: RunnerEvent): void {
    if (event.type !== 'step-finished') return;
    const seconds = event.durationMs / 1000;
    const buckets = this.counts.get(event.outcome) ?? new Array<number>(BUCKETS.length + 1).fill(0);
    BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) buckets[index]++;
    });
    buckets[BUCKETS.length]++;
    this.counts.set(event.outcome, buckets);
    this.sums.set(event.outcome, (this.sums.get(event.outcome) ?? 0) + seconds);
    this.outcomes.set(event.outcome, (this.outcomes.get(event.outcome) ?? 0) + 1);
  }

  render(store: WorkflowStoreMetrics): string {
    const lines: string[] = [];
    const gauge = (name: string, help: string, values: Array<[Record<string, string>, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
      for (const [labels, value] of values) lines.push(`${name}${labelText(labels)} ${value}`);
    };
    gauge('provisioning_workflow_queue_depth', 'Steps runnable now and not leased by any worker.', [
      [{}, store.queueDepth],
    ]);
    gauge(
      'provisioning_workflow_steps',
      'Workflow steps by state, across every worker.',
      Object.entries(store.stepsByStatus).map(([state, n]) => [{ state }, n ?? 0]),
    );
    gauge(
      'provisioning_workflows',
      'Workflows by status.',
      Object.entries(store.workflowsByStatus).map(([status, n]) => [{ status }, n ?? 0]),
    );
    lines.push(
      '# HELP provisioning_workflow_step_duration_seconds How long the steps this worker ran took, by outcome.',
      '# TYPE provisioning_workflow_step_duration_seconds histogram',
    );
    for (const [outcome, buckets] of this.counts) {
      BUCKETS.forEach((bound, index) =>
        lines.push(
          `provisioning_workflow_step_duration_seconds_bucket${labelText({ outcome, le: String(bound) })} ${buckets[index]}`,
        ),
      );
      lines.push(
        `provisioning_workflow_step_duration_seconds_bucket${labelText({ outcome, le: '+Inf' })} ${buckets[BUCKETS.length]}`,
      );
      lines.push(
        `provisioning_workflow_step_duration_seconds_sum${labelText({ outcome })} ${this.sums.get(outcome) ?? 0}`,
      );
      lines.push(
        `provisioning_workflow_step_duration_seconds_count${labelText({ outcome })} ${this.outcomes.get(outcome) ?? 0}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0
    ? ''
    : `{${entries.map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`).join(',')}}`;
}

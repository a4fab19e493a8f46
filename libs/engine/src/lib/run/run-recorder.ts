import type { HostResult } from '@provisioning/operations';
import { redact } from '@provisioning/sdk';
import { paramsHash, type StateStore } from '@provisioning/store';
import type { EngineEvent } from './engine-events';
import { describeEvent } from './event-wording';
import type { PreparedStep } from './prepare-run';

/**
 * Writes a run to the state store as it happens: its events (all but per-operation ones, which
 * go in as operation records), each operation's outcome, and which taskservs are now installed
 * where. Without a store (or a run id) it records nothing.
 */
export class RunRecorder {
  private readonly pending: Promise<unknown>[] = [];

  constructor(
    private readonly store: StateStore | undefined,
    private readonly runId: string | undefined,
    private readonly infra: string,
  ) {}

  event(event: EngineEvent): void {
    if (!this.store || !this.runId || event.type === 'operation-finished') return;
    const host = 'host' in event ? event.host : undefined;
    this.pending.push(
      this.store.appendEvent(this.runId, {
        host,
        type: event.type,
        message: describeEvent(event),
        data: event,
      }),
    );
  }

  /** Outcomes of a host's batch; steps in `incomplete` are neither recorded as installed nor as removed. */
  async batch(
    host: string,
    result: HostResult,
    steps: readonly PreparedStep[],
    incomplete: ReadonlySet<string>,
    options: { action: string; secrets: readonly string[] },
  ): Promise<void> {
    const { store, runId } = this;
    if (!store || !runId) return;
    await store.recordOperations(
      runId,
      result.operations.map((op) => ({
        host,
        operationId: op.id,
        kind: op.kind,
        status: op.status,
        summary: redact(op.summary, options.secrets),
        durationMs: op.durationMs,
      })),
    );
    for (const step of steps) {
      if (incomplete.has(step.entry.name)) continue;
      if (options.action === 'remove') await store.removeTaskserv(this.infra, host, step.entry.name);
      else {
        await store.recordTaskserv({
          infra: this.infra,
          host,
          name: step.entry.name,
          version: step.definition.version,
          // The params as written ({{secret.X}} references, not values): a hash of a weak password could be guessed.
          paramsHash: paramsHash(step.params),
          runId,
        });
      }
    }
  }

  /** Waits for every event write started so far. */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }
}

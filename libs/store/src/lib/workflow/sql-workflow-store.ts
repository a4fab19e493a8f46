import { randomBytes } from 'node:crypto';
import { checkDag } from './check-dag';
import { LeaseLostError, WorkflowNotFoundError, WorkflowStateError } from './errors';
import { json, parseJson, type StepRow, toStep, toWorkflow, type WorkflowRow } from './rows';
import type { SqlDatabase, SqlExecutor } from './sql-database';
import type {
  LeaseOptions,
  ListWorkflowsQuery,
  StepDependency,
  StepError,
  StepLease,
  StepOutcome,
  StepPhase,
  StepStatus,
  SubmitWorkflowInput,
  WorkflowDetail,
  WorkflowEvent,
  WorkflowPage,
  WorkflowRecord,
  WorkflowStatus,
  WorkflowStore,
  WorkflowStoreMetrics,
} from './workflow-store';
import { TERMINAL_WORKFLOW_STATUSES } from './workflow-store';

type StepKey = { workflowId: string; phase: StepPhase; stepId: string };
type EdgeRow = { step_id: string; kind: 'hard' | 'soft' };
type EventRow = {
  seq: number;
  workflow_id: string;
  at: number;
  type: string;
  step_id: string | null;
  phase: StepPhase | null;
  data: string | null;
};

const ACTIVE: readonly WorkflowStatus[] = ['running', 'rolling_back'];
const IN = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * The workflow store over SQL, one implementation for both dialects (SqlDatabase hides the
 * difference). Every transition of one workflow locks that workflow's row first, so transitions of
 * a workflow are serialised (and its events numbered in commit order) while different workflows
 * proceed in parallel on PostgreSQL.
 */
export class SqlWorkflowStore implements WorkflowStore {
  /** The last creation time this store gave out: see submit. */
  private lastCreatedAt = 0;

  constructor(private readonly db: SqlDatabase) {}

  async submit(input: SubmitWorkflowInput): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    checkDag(input.steps);
    if (!Number.isInteger(input.parallelLimit) || input.parallelLimit < 1)
      throw new WorkflowStateError(`parallel limit must be a whole number ≥ 1, not ${input.parallelLimit}`);
    if (input.idempotencyKey !== undefined) {
      const existing = await this.byIdempotencyKey(input.idempotencyKey);
      if (existing) return { workflow: existing, created: false };
    }
    // Workflows are listed newest first by creation time, then id (random within a second): two
    // submitted in one millisecond would list in random order, so a store never gives out the same
    // or an earlier millisecond twice.
    const now = Math.max(Date.now(), this.lastCreatedAt + 1);
    this.lastCreatedAt = now;
    const id = workflowId(new Date(now));
    try {
      await this.db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO workflows (id, name, version, status, parallel_limit, rollback_enabled, workspace, idempotency_key, parent_workflow_id, parent_step_id, definition, created_at, updated_at)
           VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            input.name,
            input.version ?? null,
            input.parallelLimit,
            input.rollbackEnabled ? 1 : 0,
            input.workspace ?? null,
            input.idempotencyKey ?? null,
            input.parent?.workflowId ?? null,
            input.parent?.stepId ?? null,
            json(input.definition),
            now,
            now,
          ],
        );
        for (const [ord, step] of input.steps.entries()) {
          await this.insertStep(
            tx,
            { workflowId: id, phase: 'forward', stepId: step.id },
            ord,
            step.dependencies,
            step.spec,
            step.rollback,
          );
        }
        await this.event(tx, id, 'workflow-submitted', undefined, {
          name: input.name,
          steps: input.steps.length,
        });
      });
    } catch (error) {
      // Two submissions with one key at once: the loser returns the winner's workflow.
      if (input.idempotencyKey !== undefined) {
        const existing = await this.byIdempotencyKey(input.idempotencyKey);
        if (existing) return { workflow: existing, created: false };
      }
      throw error;
    }
    return { workflow: (await this.workflowRecord(this.db, id)) as WorkflowRecord, created: true };
  }

  async getWorkflow(id: string): Promise<WorkflowDetail | undefined> {
    const row = await this.db.get<WorkflowRow>('SELECT * FROM workflows WHERE id = ?', [id]);
    if (!row) return undefined;
    const steps = await this.db.all<StepRow>(
      "SELECT * FROM workflow_steps WHERE workflow_id = ? ORDER BY CASE phase WHEN 'forward' THEN 0 ELSE 1 END, ord",
      [id],
    );
    const counts: Partial<Record<StepStatus, number>> = {};
    for (const step of steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
    return {
      workflow: toWorkflow(row, counts),
      definition: parseJson(row.definition),
      steps: steps.map(toStep),
    };
  }

  async listWorkflows(query: ListWorkflowsQuery = {}): Promise<WorkflowPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 50, 500));
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.all<WorkflowRow>(
      `SELECT * FROM workflows
       WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS BIGINT) IS NULL OR created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      [
        query.status ?? null,
        query.status ?? null,
        after?.createdAt ?? null,
        after?.createdAt ?? null,
        after?.createdAt ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const counts = await this.countsOf(
      this.db,
      page.map((row) => row.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toWorkflow(row, counts.get(row.id) ?? {})),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.created_at, last.id) } : {}),
    };
  }

  async listEvents(id: string, afterSeq = 0, limit = 1000): Promise<WorkflowEvent[]> {
    const rows = await this.db.all<EventRow>(
      'SELECT * FROM workflow_events WHERE workflow_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [id, afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      workflowId: row.workflow_id,
      at: new Date(row.at),
      type: row.type,
      ...(row.step_id !== null ? { stepId: row.step_id } : {}),
      ...(row.phase !== null ? { phase: row.phase } : {}),
      ...(row.data !== null ? { data: JSON.parse(row.data) } : {}),
    }));
  }

  async appendEvent(
    id: string,
    event: { type: string; stepId?: string; phase?: StepPhase; data?: unknown },
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      await this.lockWorkflow(tx, id);
      return this.event(
        tx,
        id,
        event.type,
        event.stepId === undefined ? undefined : { stepId: event.stepId, phase: event.phase ?? 'forward' },
        event.data,
      );
    });
  }

  async leaseSteps(options: LeaseOptions): Promise<StepLease[]> {
    if (options.limit < 1) return [];
    const leases = await this.db.transaction(async (tx) => {
      const now = Date.now();
      const taken: Array<StepRow & { workspace: string | null; token: string }> = [];
      // Steps whose worker died: their lease expired while running. They still count against
      // their workflow's parallel limit, so they are taken over first.
      const expired = await tx.all<StepRow & { workspace: string | null }>(
        `SELECT s.*, w.workspace FROM workflow_steps s JOIN workflows w ON w.id = s.workflow_id
         WHERE s.status = 'running' AND s.lease_expires_at < ? AND w.status IN (${IN(ACTIVE)})
         ORDER BY s.lease_expires_at LIMIT ?${this.db.lockRows('skip', 's')}`,
        [now, options.limit],
      );
      for (const step of expired) {
        await this.event(tx, step.workflow_id, 'step-lease-expired', keyOf(step), {
          worker: step.worker,
          attempt: step.attempt,
        });
        taken.push({ ...step, token: await this.takeLease(tx, step, options, now) });
      }
      let room = options.limit - taken.length;
      if (room <= 0) return taken;
      const workflows = await tx.all<WorkflowRow>(
        `SELECT w.* FROM workflows w
         WHERE w.status IN (${IN(ACTIVE)}) AND w.running < w.parallel_limit
           AND EXISTS (SELECT 1 FROM workflow_steps s WHERE s.workflow_id = w.id AND s.status = 'ready' AND s.available_at <= ?)
         ORDER BY w.created_at, w.id LIMIT ?${this.db.lockRows('skip', 'w')}`,
        [now, room],
      );
      for (const workflow of workflows) {
        const slots = Math.min(room, workflow.parallel_limit - workflow.running);
        const ready = await tx.all<StepRow>(
          `SELECT * FROM workflow_steps WHERE workflow_id = ? AND status = 'ready' AND available_at <= ? ORDER BY ord LIMIT ?${this.db.lockRows('skip')}`,
          [workflow.id, now, slots],
        );
        if (ready.length === 0) continue;
        for (const step of ready)
          taken.push({
            ...step,
            workspace: workflow.workspace,
            token: await this.takeLease(tx, step, options, now),
          });
        await tx.run('UPDATE workflows SET running = running + ?, updated_at = ? WHERE id = ?', [
          ready.length,
          now,
          workflow.id,
        ]);
        room -= ready.length;
        if (room <= 0) break;
      }
      return taken;
    });
    const result: StepLease[] = [];
    for (const step of leases) {
      result.push({
        workflowId: step.workflow_id,
        stepId: step.step_id,
        phase: step.phase,
        token: step.token,
        attempt: step.attempt + 1,
        tries: step.tries + 1,
        spec: parseJson(step.spec),
        ...(step.workspace !== null ? { workspace: step.workspace } : {}),
        expiresAt: new Date(Date.now() + options.leaseMs),
        inputs: await this.inputsOf(step),
      });
    }
    return result;
  }

  async renewLeases(
    worker: string,
    leaseMs: number,
  ): Promise<{
    renewed: number;
    cancelling: Array<{ workflowId: string; stepId: string; phase: StepPhase }>;
  }> {
    const renewed = await this.db.run(
      "UPDATE workflow_steps SET lease_expires_at = ? WHERE worker = ? AND status = 'running'",
      [Date.now() + leaseMs, worker],
    );
    const cancelling = await this.db.all<{ workflow_id: string; step_id: string; phase: StepPhase }>(
      `SELECT s.workflow_id, s.step_id, s.phase FROM workflow_steps s JOIN workflows w ON w.id = s.workflow_id
       WHERE s.worker = ? AND s.status = 'running' AND w.status = 'cancelling'`,
      [worker],
    );
    return {
      renewed,
      cancelling: cancelling.map((row) => ({
        workflowId: row.workflow_id,
        stepId: row.step_id,
        phase: row.phase,
      })),
    };
  }

  async completeStep(
    lease: Pick<StepLease, 'workflowId' | 'stepId' | 'phase' | 'token'>,
    outcome: StepOutcome,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = Date.now();
      const workflow = await this.lockWorkflow(tx, lease.workflowId);
      const key: StepKey = { workflowId: lease.workflowId, phase: lease.phase, stepId: lease.stepId };
      const step = await tx.get<StepRow>(
        'SELECT * FROM workflow_steps WHERE workflow_id = ? AND phase = ? AND step_id = ?',
        [key.workflowId, key.phase, key.stepId],
      );
      if (!step || step.status !== 'running' || step.lease_token !== lease.token)
        throw new LeaseLostError(lease.workflowId, lease.stepId);
      const duration = step.started_at === null ? null : now - step.started_at;
      const retry =
        outcome.status === 'failed' && outcome.retryAt !== undefined && workflow.status !== 'cancelling';
      if (outcome.status === 'interrupted' || retry) {
        const availableAt = outcome.status === 'failed' && outcome.retryAt ? outcome.retryAt.getTime() : now;
        await tx.run(
          `UPDATE workflow_steps SET status = 'ready', lease_token = NULL, worker = NULL, lease_expires_at = NULL, available_at = ?, error = ?, tries = tries - ?
           WHERE workflow_id = ? AND phase = ? AND step_id = ?`,
          [
            availableAt,
            json(outcome.error),
            outcome.status === 'interrupted' ? 1 : 0,
            key.workflowId,
            key.phase,
            key.stepId,
          ],
        );
        await this.event(
          tx,
          key.workflowId,
          outcome.status === 'interrupted' ? 'step-interrupted' : 'step-retry-scheduled',
          key,
          {
            attempt: step.attempt,
            error: outcome.error,
            ...(retry ? { retryAt: new Date(availableAt).toISOString() } : {}),
          },
        );
      } else {
        const status: StepStatus = outcome.status;
        const error = outcome.status === 'succeeded' ? null : json(outcome.error);
        await tx.run(
          `UPDATE workflow_steps SET status = ?, lease_token = NULL, lease_expires_at = NULL, finished_at = ?, duration_ms = ?, outputs = ?, error = ?
           WHERE workflow_id = ? AND phase = ? AND step_id = ?`,
          [status, now, duration, json(outcome.outputs), error, key.workflowId, key.phase, key.stepId],
        );
        await this.event(tx, key.workflowId, `step-${status}`, key, {
          attempt: step.attempt,
          durationMs: duration,
          ...(outcome.status === 'succeeded' ? {} : { error: outcome.error }),
        });
        await this.release(tx, key, status === 'succeeded', now);
      }
      await tx.run('UPDATE workflows SET running = running - 1, updated_at = ? WHERE id = ?', [
        now,
        key.workflowId,
      ]);
      await this.finishIfDone(tx, key.workflowId, now);
    });
  }

  async cancel(id: string): Promise<WorkflowRecord> {
    await this.db.transaction(async (tx) => {
      const now = Date.now();
      const workflow = await this.lockWorkflow(tx, id);
      if (!ACTIVE.includes(workflow.status)) {
        throw new WorkflowStateError(
          `Workflow ${id} is ${workflow.status}; only a running or rolling-back workflow can be cancelled.`,
          workflow.status === 'cancelling'
            ? 'it is already being cancelled: its running steps are being stopped'
            : undefined,
        );
      }
      await tx.run(
        `UPDATE workflow_steps SET status = 'cancelled', finished_at = ?, error = ? WHERE workflow_id = ? AND status IN ('waiting', 'ready')`,
        [now, json({ message: 'not started: the workflow was cancelled' }), id],
      );
      const status: WorkflowStatus = workflow.running > 0 ? 'cancelling' : 'cancelled';
      await tx.run('UPDATE workflows SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?', [
        status,
        now,
        status === 'cancelled' ? now : null,
        id,
      ]);
      await this.event(
        tx,
        id,
        status === 'cancelled' ? 'workflow-cancelled' : 'workflow-cancelling',
        undefined,
        { running: workflow.running },
      );
    });
    return (await this.workflowRecord(this.db, id)) as WorkflowRecord;
  }

  async resume(id: string): Promise<WorkflowRecord> {
    await this.db.transaction(async (tx) => {
      const now = Date.now();
      const workflow = await this.lockWorkflow(tx, id);
      const resumable: readonly WorkflowStatus[] = ['failed', 'cancelled', 'rollback_failed'];
      if (!resumable.includes(workflow.status)) {
        throw new WorkflowStateError(
          `Workflow ${id} is ${workflow.status}; only a failed or cancelled workflow can be resumed.`,
          ACTIVE.includes(workflow.status)
            ? 'it is still running: a worker that died has its steps taken over when their lease expires'
            : undefined,
        );
      }
      const phase: StepPhase = workflow.status === 'rollback_failed' ? 'rollback' : 'forward';
      const steps = await tx.all<StepRow>(
        'SELECT * FROM workflow_steps WHERE workflow_id = ? AND phase = ?',
        [id, phase],
      );
      const redo = new Set(
        steps
          .filter(
            (step) => step.status === 'failed' || step.status === 'skipped' || step.status === 'cancelled',
          )
          .map((step) => step.step_id),
      );
      const done = new Map(
        steps.filter((step) => !redo.has(step.step_id)).map((step) => [step.step_id, step.status]),
      );
      for (const step of steps.filter((item) => redo.has(item.step_id))) {
        const pending = (JSON.parse(step.dependencies) as StepDependency[]).filter(
          (dependency) => !satisfied(dependency, done.get(dependency.id)),
        ).length;
        await tx.run(
          `UPDATE workflow_steps SET status = ?, pending_deps = ?, tries = 0, available_at = 0, error = NULL, outputs = NULL, finished_at = NULL, worker = NULL
           WHERE workflow_id = ? AND phase = ? AND step_id = ?`,
          [pending === 0 ? 'ready' : 'waiting', pending, id, phase, step.step_id],
        );
      }
      await tx.run('UPDATE workflows SET status = ?, updated_at = ?, finished_at = NULL WHERE id = ?', [
        phase === 'forward' ? 'running' : 'rolling_back',
        now,
        id,
      ]);
      await this.event(tx, id, 'workflow-resumed', undefined, { phase, steps: redo.size });
      await this.finishIfDone(tx, id, now);
    });
    return (await this.workflowRecord(this.db, id)) as WorkflowRecord;
  }

  async rollback(id: string): Promise<WorkflowRecord> {
    await this.db.transaction(async (tx) => {
      const workflow = await this.lockWorkflow(tx, id);
      const allowed: readonly WorkflowStatus[] = ['succeeded', 'failed', 'cancelled'];
      if (!allowed.includes(workflow.status)) {
        throw new WorkflowStateError(
          `Workflow ${id} is ${workflow.status}; only a succeeded, failed or cancelled workflow can be rolled back.`,
          workflow.status === 'rollback_failed'
            ? `resume it to retry the compensations that failed: provisioning workflow resume ${id}`
            : ACTIVE.includes(workflow.status)
              ? 'cancel it first'
              : undefined,
        );
      }
      await this.startRollback(tx, id, Date.now());
    });
    return (await this.workflowRecord(this.db, id)) as WorkflowRecord;
  }

  async metrics(): Promise<WorkflowStoreMetrics> {
    const workflows = await this.db.all<{ status: WorkflowStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM workflows GROUP BY status',
    );
    const steps = await this.db.all<{ status: StepStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM workflow_steps GROUP BY status',
    );
    const queue = await this.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM workflow_steps s JOIN workflows w ON w.id = s.workflow_id WHERE s.status = 'ready' AND s.available_at <= ? AND w.status IN (${IN(ACTIVE)})`,
      [Date.now()],
    );
    return {
      workflowsByStatus: Object.fromEntries(workflows.map((row) => [row.status, Number(row.n)])),
      stepsByStatus: Object.fromEntries(steps.map((row) => [row.status, Number(row.n)])),
      queueDepth: Number(queue?.n ?? 0),
    };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  // ---- transitions inside a transaction ----

  private async insertStep(
    tx: SqlExecutor,
    key: StepKey,
    ord: number,
    dependencies: readonly StepDependency[],
    spec: unknown,
    rollback: unknown,
    pending = dependencies.length,
  ): Promise<void> {
    await tx.run(
      `INSERT INTO workflow_steps (workflow_id, phase, step_id, ord, status, pending_deps, dependencies, spec, rollback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        key.workflowId,
        key.phase,
        key.stepId,
        ord,
        pending === 0 ? 'ready' : 'waiting',
        pending,
        JSON.stringify(dependencies),
        json(spec),
        json(rollback),
      ],
    );
    for (const dependency of dependencies) {
      await tx.run(
        'INSERT INTO workflow_step_edges (workflow_id, phase, depends_on, step_id, kind) VALUES (?, ?, ?, ?, ?)',
        [key.workflowId, key.phase, dependency.id, key.stepId, dependency.kind],
      );
    }
  }

  private async takeLease(
    tx: SqlExecutor,
    step: StepRow,
    options: LeaseOptions,
    now: number,
  ): Promise<string> {
    const token = randomBytes(12).toString('base64url');
    await tx.run(
      `UPDATE workflow_steps SET status = 'running', attempt = attempt + 1, tries = tries + 1, lease_token = ?, worker = ?, lease_expires_at = ?, started_at = ?, error = NULL
       WHERE workflow_id = ? AND phase = ? AND step_id = ?`,
      [token, options.worker, now + options.leaseMs, now, step.workflow_id, step.phase, step.step_id],
    );
    await this.event(tx, step.workflow_id, 'step-started', keyOf(step), {
      attempt: step.attempt + 1,
      worker: options.worker,
    });
    return token;
  }

  /**
   * A step finished: its dependents that waited on it become runnable when nothing else holds them.
   * A failure (or a skip) skips the hard dependents, transitively; soft dependents count it as done.
   */
  private async release(tx: SqlExecutor, key: StepKey, succeeded: boolean, now: number): Promise<void> {
    const dependents = await tx.all<EdgeRow>(
      'SELECT step_id, kind FROM workflow_step_edges WHERE workflow_id = ? AND phase = ? AND depends_on = ? ORDER BY step_id',
      [key.workflowId, key.phase, key.stepId],
    );
    for (const dependent of dependents) {
      const target = [key.workflowId, key.phase, dependent.step_id];
      if (succeeded || dependent.kind === 'soft') {
        await tx.run(
          `UPDATE workflow_steps SET pending_deps = pending_deps - 1, status = CASE WHEN pending_deps = 1 THEN 'ready' ELSE status END
           WHERE workflow_id = ? AND phase = ? AND step_id = ? AND status = 'waiting'`,
          target,
        );
      } else {
        const skipped = await tx.run(
          `UPDATE workflow_steps SET status = 'skipped', finished_at = ?, error = ? WHERE workflow_id = ? AND phase = ? AND step_id = ? AND status = 'waiting'`,
          [
            now,
            json({
              message: `not run: its hard dependency "${key.stepId}" did not succeed`,
            } satisfies StepError),
            ...target,
          ],
        );
        if (skipped > 0) {
          const skippedKey = { ...key, stepId: dependent.step_id };
          await this.event(tx, key.workflowId, 'step-skipped', skippedKey, { because: key.stepId });
          await this.release(tx, skippedKey, false, now);
        }
      }
    }
  }

  /** When nothing of the active phase is left to run, the workflow takes its final status. */
  private async finishIfDone(tx: SqlExecutor, id: string, now: number): Promise<void> {
    const workflow = (await tx.get<WorkflowRow>('SELECT * FROM workflows WHERE id = ?', [id])) as WorkflowRow;
    if (workflow.running > 0 || TERMINAL_WORKFLOW_STATUSES.includes(workflow.status)) return;
    const phase: StepPhase = workflow.status === 'rolling_back' ? 'rollback' : 'forward';
    const left = await tx.get(
      "SELECT 1 AS one FROM workflow_steps WHERE workflow_id = ? AND phase = ? AND status IN ('waiting', 'ready') LIMIT 1",
      [id, phase],
    );
    if (left) return;
    const failed = await tx.get(
      "SELECT 1 AS one FROM workflow_steps WHERE workflow_id = ? AND phase = ? AND status IN ('failed', 'skipped') LIMIT 1",
      [id, phase],
    );
    let status: WorkflowStatus;
    if (workflow.status === 'cancelling') status = 'cancelled';
    else if (phase === 'rollback') status = failed ? 'rollback_failed' : 'rolled_back';
    else if (!failed) status = 'succeeded';
    else if (workflow.rollback_enabled === 1) return this.startRollback(tx, id, now);
    else status = 'failed';
    await tx.run('UPDATE workflows SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?', [
      status,
      now,
      now,
      id,
    ]);
    await this.event(tx, id, `workflow-${status.replace('_', '-')}`, undefined, undefined);
  }

  /**
   * Rollback steps mirror the succeeded forward steps with every edge reversed: a step is undone
   * only after everything that depended on it is. A step without a compensation still takes its
   * place in that order (its runner finishes it at once).
   */
  private async startRollback(tx: SqlExecutor, id: string, now: number): Promise<void> {
    const existing = await tx.get(
      "SELECT 1 AS one FROM workflow_steps WHERE workflow_id = ? AND phase = 'rollback' LIMIT 1",
      [id],
    );
    if (existing)
      throw new WorkflowStateError(
        `Workflow ${id} was already rolled back once; its compensations do not run twice.`,
      );
    const succeeded = await tx.all<StepRow>(
      "SELECT * FROM workflow_steps WHERE workflow_id = ? AND phase = 'forward' AND status = 'succeeded' ORDER BY ord",
      [id],
    );
    const undo = new Set(succeeded.map((step) => step.step_id));
    const reversed = new Map<string, StepDependency[]>(succeeded.map((step) => [step.step_id, []]));
    for (const step of succeeded) {
      for (const dependency of JSON.parse(step.dependencies) as StepDependency[]) {
        if (undo.has(dependency.id)) reversed.get(dependency.id)?.push({ id: step.step_id, kind: 'hard' });
      }
    }
    for (const [ord, step] of succeeded.entries()) {
      await this.insertStep(
        tx,
        { workflowId: id, phase: 'rollback', stepId: step.step_id },
        ord,
        reversed.get(step.step_id) ?? [],
        parseJson(step.rollback) ?? null,
        undefined,
      );
    }
    await tx.run(
      "UPDATE workflows SET status = 'rolling_back', updated_at = ?, finished_at = NULL WHERE id = ?",
      [now, id],
    );
    await this.event(tx, id, 'workflow-rolling-back', undefined, { steps: succeeded.length });
    if (succeeded.length === 0) await this.finishIfDone(tx, id, now);
  }

  private async lockWorkflow(tx: SqlExecutor, id: string): Promise<WorkflowRow> {
    const row = await tx.get<WorkflowRow>(`SELECT * FROM workflows WHERE id = ?${this.db.lockRows('wait')}`, [
      id,
    ]);
    if (!row) throw new WorkflowNotFoundError(id);
    return row;
  }

  private async event(
    tx: SqlExecutor,
    workflowId: string,
    type: string,
    key: Omit<StepKey, 'workflowId'> | undefined,
    data: unknown,
  ): Promise<number> {
    const row = await tx.get<{ seq: number }>(
      'INSERT INTO workflow_events (workflow_id, at, type, step_id, phase, data) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq',
      [workflowId, Date.now(), type, key?.stepId ?? null, key?.phase ?? null, json(data)],
    );
    return Number(row?.seq);
  }

  private async inputsOf(step: StepRow): Promise<Record<string, unknown>> {
    const dependencies = JSON.parse(step.dependencies) as StepDependency[];
    if (dependencies.length === 0) return {};
    const rows = await this.db.all<{ step_id: string; outputs: string | null }>(
      `SELECT step_id, outputs FROM workflow_steps WHERE workflow_id = ? AND phase = ? AND step_id IN (${dependencies.map(() => '?').join(', ')})`,
      [step.workflow_id, step.phase, ...dependencies.map((dependency) => dependency.id)],
    );
    return Object.fromEntries(rows.map((row) => [row.step_id, parseJson(row.outputs)]));
  }

  private async byIdempotencyKey(key: string): Promise<WorkflowRecord | undefined> {
    const row = await this.db.get<{ id: string }>('SELECT id FROM workflows WHERE idempotency_key = ?', [
      key,
    ]);
    return row ? this.workflowRecord(this.db, row.id) : undefined;
  }

  private async workflowRecord(db: SqlExecutor, id: string): Promise<WorkflowRecord | undefined> {
    const row = await db.get<WorkflowRow>('SELECT * FROM workflows WHERE id = ?', [id]);
    if (!row) return undefined;
    return toWorkflow(row, (await this.countsOf(db, [id])).get(id) ?? {});
  }

  private async countsOf(
    db: SqlExecutor,
    ids: readonly string[],
  ): Promise<Map<string, Partial<Record<StepStatus, number>>>> {
    const counts = new Map<string, Partial<Record<StepStatus, number>>>();
    if (ids.length === 0) return counts;
    const rows = await db.all<{ workflow_id: string; status: StepStatus; n: number }>(
      `SELECT workflow_id, status, COUNT(*) AS n FROM workflow_steps WHERE workflow_id IN (${ids.map(() => '?').join(', ')}) GROUP BY workflow_id, status`,
      ids,
    );
    for (const row of rows)
      counts.set(row.workflow_id, { ...counts.get(row.workflow_id), [row.status]: Number(row.n) });
    return counts;
  }
}

function satisfied(dependency: StepDependency, status: StepStatus | undefined): boolean {
  return (
    status === 'succeeded' ||
    (dependency.kind === 'soft' && (status === 'failed' || status === 'skipped' || status === 'cancelled'))
  );
}

function keyOf(step: StepRow): Omit<StepKey, 'workflowId'> {
  return { phase: step.phase, stepId: step.step_id };
}

/** Sorts by time and is short to type: `wf-20261202-095501-a1b2c3`. */
function workflowId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `wf-${stamp}-${randomBytes(3).toString('hex')}`;
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id };
  } catch {
    // reported below
  }
  throw new WorkflowStateError(
    `The cursor "${cursor}" is not one this store handed out`,
    'pass the nextCursor of the previous page, unchanged',
  );
}

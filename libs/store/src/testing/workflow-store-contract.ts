import { LeaseLostError, WorkflowDefinitionError, WorkflowStateError } from '../lib/workflow/errors';
import type { NewStep, StepLease, SubmitWorkflowInput, WorkflowStore } from '../lib/workflow/workflow-store';

export interface WorkflowStoreFixture {
  store: WorkflowStore;
  /** Another store on the same database (a second worker, or the same one after a restart). */
  openAnother(): Promise<WorkflowStore>;
  cleanup(): Promise<void>;
}

const LEASE_MS = 60_000;
const step = (
  id: string,
  ...dependencies: Array<string | { id: string; kind: 'hard' | 'soft' }>
): NewStep => ({
  id,
  dependencies: dependencies.map((dependency) =>
    typeof dependency === 'string' ? { id: dependency, kind: 'hard' } : dependency,
  ),
  spec: { type: 'command', command: `echo ${id}` },
  rollback: { type: 'command', command: `undo ${id}` },
});
const workflow = (steps: NewStep[], extra: Partial<SubmitWorkflowInput> = {}): SubmitWorkflowInput => ({
  name: 'deploy',
  parallelLimit: 10,
  rollbackEnabled: false,
  steps,
  ...extra,
});

/**
 * The behaviour every WorkflowStore must have, as one jest suite run against SQLite and against
 * a real PostgreSQL server.
 */
export function describeWorkflowStoreContract(name: string, open: () => Promise<WorkflowStoreFixture>): void {
  let fixture: WorkflowStoreFixture;
  let store: WorkflowStore;
  const others: WorkflowStore[] = [];
  const another = async () => {
    const opened = await fixture.openAnother();
    others.push(opened);
    return opened;
  };
  const lease = (limit = 10, worker = 'worker-a', leaseMs = LEASE_MS) =>
    store.leaseSteps({ worker, limit, leaseMs });
  const ids = (leases: StepLease[]) => leases.map((item) => item.stepId).sort();
  const succeed = (item: StepLease, outputs?: unknown) =>
    store.completeStep(item, { status: 'succeeded', outputs });
  const statuses = async (id: string, phase = 'forward') =>
    Object.fromEntries(
      ((await store.getWorkflow(id))?.steps ?? [])
        .filter((item) => item.phase === phase)
        .map((item) => [item.id, item.status]),
    );
  /** Leases and succeeds every runnable step until nothing is left; returns the order they ran in. */
  const drain = async (fail: string[] = []) => {
    const order: string[] = [];
    for (let leases = await lease(); leases.length > 0; leases = await lease()) {
      for (const item of leases) {
        order.push(item.stepId);
        if (fail.includes(item.stepId))
          await store.completeStep(item, { status: 'failed', error: { message: 'exit 1', class: 'exit' } });
        else await succeed(item);
      }
    }
    return order;
  };

  beforeEach(async () => {
    fixture = await open();
    store = fixture.store;
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await store.close();
    await fixture.cleanup();
  });

  describe(`${name}: submitting`, () => {
    it('records the workflow and its steps: steps without dependencies are ready, the others wait', async () => {
      const { workflow: submitted, created } = await store.submit(
        workflow([step('a'), step('b', 'a'), step('c', 'a', { id: 'b', kind: 'soft' })], {
          version: '2',
          workspace: '/srv/ws',
        }),
      );
      expect(created).toBe(true);
      expect(submitted).toMatchObject({
        name: 'deploy',
        version: '2',
        status: 'running',
        parallelLimit: 10,
        rollbackEnabled: false,
        workspace: '/srv/ws',
        counts: { ready: 1, waiting: 2 },
      });
      expect(submitted.id).toMatch(/^wf-\d{8}-\d{6}-[0-9a-f]{6}$/);
      const detail = await store.getWorkflow(submitted.id);
      expect(detail?.steps.map((item) => [item.id, item.status, item.attempt])).toEqual([
        ['a', 'ready', 0],
        ['b', 'waiting', 0],
        ['c', 'waiting', 0],
      ]);
      expect(detail?.steps[2].dependencies).toEqual([
        { id: 'a', kind: 'hard' },
        { id: 'b', kind: 'soft' },
      ]);
      expect(detail?.steps[0].spec).toEqual({ type: 'command', command: 'echo a' });
    });

    it('returns the first workflow again for a resubmission with the same idempotency key', async () => {
      const first = await store.submit(workflow([step('a')], { idempotencyKey: 'key-1' }));
      const again = await store.submit(workflow([step('a'), step('b')], { idempotencyKey: 'key-1' }));
      expect(again).toEqual({ workflow: expect.objectContaining({ id: first.workflow.id }), created: false });
      expect((await store.listWorkflows()).items).toHaveLength(1);
    });

    it('refuses a cycle, naming it, and an unknown dependency, and records nothing', async () => {
      await expect(store.submit(workflow([step('a', 'c'), step('b', 'a'), step('c', 'b')]))).rejects.toThrow(
        new WorkflowDefinitionError(
          'The steps depend on each other in a cycle: a -> c -> b -> a; remove one of these dependencies.',
        ),
      );
      await expect(store.submit(workflow([step('a', 'nope')]))).rejects.toThrow(
        /Step "a" depends on "nope", which is not a step/,
      );
      expect((await store.listWorkflows()).items).toEqual([]);
    });
  });

  describe(`${name}: leasing and completing`, () => {
    it('runs dependents only after their dependencies succeeded, and hands each dependency outputs to the dependent', async () => {
      const { workflow: submitted } = await store.submit(
        workflow([step('a'), step('b', 'a'), step('c', 'a'), step('d', 'b', 'c')]),
      );
      const first = await lease();
      expect(ids(first)).toEqual(['a']);
      expect(first[0]).toMatchObject({
        workflowId: submitted.id,
        phase: 'forward',
        attempt: 1,
        tries: 1,
        spec: { type: 'command', command: 'echo a' },
        inputs: {},
      });
      expect(await lease()).toEqual([]);
      await succeed(first[0], { hosts: { web: 0 } });
      const second = await lease();
      expect(ids(second)).toEqual(['b', 'c']);
      expect(second[0].inputs).toEqual({ a: { hosts: { web: 0 } } });
      await succeed(second[0]);
      expect(await lease()).toEqual([]);
      await succeed(second[1]);
      const last = await lease();
      expect(ids(last)).toEqual(['d']);
      await succeed(last[0]);
      const detail = await store.getWorkflow(submitted.id);
      expect(detail?.workflow).toMatchObject({ status: 'succeeded', counts: { succeeded: 4 } });
      expect(detail?.workflow.finishedAt).toBeInstanceOf(Date);
      expect(detail?.steps[0]).toMatchObject({
        status: 'succeeded',
        attempt: 1,
        outputs: { hosts: { web: 0 } },
        durationMs: expect.any(Number),
      });
      const events = await store.listEvents(submitted.id);
      expect(events.map((event) => `${event.type}${event.stepId ? ` ${event.stepId}` : ''}`)).toEqual([
        'workflow-submitted',
        'step-started a',
        'step-succeeded a',
        'step-started b',
        'step-started c',
        'step-succeeded b',
        'step-succeeded c',
        'step-started d',
        'step-succeeded d',
        'workflow-succeeded',
      ]);
      expect(events.map((event) => event.seq)).toEqual(
        [...events.map((event) => event.seq)].sort((x, y) => x - y),
      );
      expect((await store.listEvents(submitted.id, events[7].seq)).map((event) => event.type)).toEqual([
        'step-succeeded',
        'workflow-succeeded',
      ]);
    });

    it("never leases more of a workflow's steps at once than its parallel limit", async () => {
      await store.submit(
        workflow(
          ['a', 'b', 'c', 'd', 'e'].map((id) => step(id)),
          { parallelLimit: 2 },
        ),
      );
      const first = await lease(10);
      expect(first).toHaveLength(2);
      expect(await lease(10, 'worker-b')).toEqual([]);
      await succeed(first[0]);
      expect(await lease(10, 'worker-b')).toHaveLength(1);
    });

    it('accepts a completion only from the lease holder; an expired lease is taken over by another worker, with the next attempt', async () => {
      const { workflow: submitted } = await store.submit(workflow([step('a')]));
      // Long enough for the two calls below on a loaded machine, short enough to wait out.
      const [mine] = await lease(1, 'worker-a', 1000);
      await expect(
        store.completeStep({ ...mine, token: 'forged' }, { status: 'succeeded' }),
      ).rejects.toBeInstanceOf(LeaseLostError);
      expect(await lease(1, 'worker-b')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const [theirs] = await lease(1, 'worker-b');
      expect(theirs).toMatchObject({ stepId: 'a', attempt: 2 });
      await expect(succeed(mine)).rejects.toThrow(LeaseLostError);
      await succeed(theirs);
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('succeeded');
      expect((await store.listEvents(submitted.id)).map((event) => event.type)).toContain(
        'step-lease-expired',
      );
    });

    it('keeps a lease alive while its holder renews it', async () => {
      await store.submit(workflow([step('a')]));
      // Renewed for longer than the first lease lasted, with room for a loaded machine's delays.
      const [mine] = await lease(1, 'worker-a', 1500);
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect((await store.renewLeases('worker-a', 1500)).renewed).toBe(1);
      }
      expect(await lease(1, 'worker-b')).toEqual([]);
      await succeed(mine);
    });

    it('skips the hard dependents of a failed step, transitively, runs its soft dependents, and fails the workflow', async () => {
      const { workflow: submitted } = await store.submit(
        workflow([
          step('a'),
          step('b', 'a'),
          step('c', 'b'),
          step('cleanup', { id: 'a', kind: 'soft' }),
          step('other'),
        ]),
      );
      expect((await drain(['a'])).sort()).toEqual(['a', 'cleanup', 'other']);
      expect(await statuses(submitted.id)).toEqual({
        a: 'failed',
        b: 'skipped',
        c: 'skipped',
        cleanup: 'succeeded',
        other: 'succeeded',
      });
      const detail = await store.getWorkflow(submitted.id);
      expect(detail?.workflow.status).toBe('failed');
      expect(detail?.steps.find((item) => item.id === 'a')?.error).toEqual({
        message: 'exit 1',
        class: 'exit',
      });
      expect(detail?.steps.find((item) => item.id === 'c')?.error?.message).toBe(
        'not run: its hard dependency "b" did not succeed',
      );
    });

    it('holds a retried step back until its backoff has passed, then leases it with the next attempt', async () => {
      await store.submit(workflow([step('a')]));
      const [first] = await lease();
      await store.completeStep(first, {
        status: 'failed',
        error: { message: 'connection reset', class: 'connection' },
        // Long enough that a loaded machine still leases before it passes.
        retryAt: new Date(Date.now() + 1500),
      });
      expect(await lease()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const [second] = await lease();
      expect(second).toMatchObject({ stepId: 'a', attempt: 2, tries: 2 });
    });

    it('runs an interrupted step again without counting the interrupted attempt as a try', async () => {
      await store.submit(workflow([step('a')]));
      const [first] = await lease();
      await store.completeStep(first, {
        status: 'interrupted',
        error: { message: 'the orchestrator stopped' },
      });
      const [second] = await lease();
      expect(second).toMatchObject({ attempt: 2, tries: 1 });
    });

    it('never hands one step to two workers leasing at the same time', async () => {
      await store.submit(
        workflow(
          Array.from({ length: 40 }, (_, index) => step(`s${index}`)),
          { parallelLimit: 40 },
        ),
      );
      const workers = [store, await another(), await another()];
      const leased = (
        await Promise.all(
          workers.flatMap((worker, index) =>
            [1, 2, 3].map(() => worker.leaseSteps({ worker: `w${index}`, limit: 5, leaseMs: LEASE_MS })),
          ),
        )
      ).flat();
      expect(leased.length).toBeGreaterThan(0);
      expect(new Set(leased.map((item) => item.stepId)).size).toBe(leased.length);
    });
  });

  describe(`${name}: cancel, resume, rollback`, () => {
    it('cancels the steps not started, tells the worker to abort the running ones, and ends cancelled', async () => {
      const { workflow: submitted } = await store.submit(workflow([step('a'), step('b', 'a')]));
      const [running] = await lease();
      expect((await store.cancel(submitted.id)).status).toBe('cancelling');
      expect(await lease()).toEqual([]);
      expect((await store.renewLeases('worker-a', LEASE_MS)).cancelling).toEqual([
        { workflowId: submitted.id, stepId: 'a', phase: 'forward' },
      ]);
      await store.completeStep(running, { status: 'cancelled', error: { message: 'aborted' } });
      expect(await statuses(submitted.id)).toEqual({ a: 'cancelled', b: 'cancelled' });
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('cancelled');
      await expect(store.cancel(submitted.id)).rejects.toBeInstanceOf(WorkflowStateError);
    });

    it('resumes a failed workflow from its last committed steps: what succeeded does not run again', async () => {
      const { workflow: submitted } = await store.submit(
        workflow([step('a'), step('b', 'a'), step('c', 'b'), step('d')]),
      );
      expect((await drain(['b'])).sort()).toEqual(['a', 'b', 'd']);
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('failed');
      expect((await store.resume(submitted.id)).status).toBe('running');
      expect(await drain()).toEqual(['b', 'c']);
      const detail = await store.getWorkflow(submitted.id);
      expect(detail?.workflow.status).toBe('succeeded');
      expect(detail?.steps.map((item) => [item.id, item.attempt])).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 1],
        ['d', 1],
      ]);
      await expect(store.resume(submitted.id)).rejects.toThrow(
        /is succeeded; only a failed or cancelled workflow can be resumed/,
      );
    });

    it('rolls back the succeeded steps in reverse dependency order, a step without compensation keeping its place, only once', async () => {
      const { workflow: submitted } = await store.submit(
        workflow([
          step('net'),
          { ...step('vm', 'net'), rollback: undefined },
          step('app', 'vm'),
          step('fails', 'net'),
        ]),
      );
      await drain(['fails']);
      expect((await store.rollback(submitted.id)).status).toBe('rolling_back');
      const order: string[] = [];
      for (let leases = await lease(); leases.length > 0; leases = await lease()) {
        expect(leases).toHaveLength(1);
        order.push(`${leases[0].stepId}:${JSON.stringify(leases[0].spec)}`);
        await succeed(leases[0]);
      }
      expect(order).toEqual([
        'app:{"type":"command","command":"undo app"}',
        'vm:null',
        'net:{"type":"command","command":"undo net"}',
      ]);
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('rolled_back');
      await expect(store.rollback(submitted.id)).rejects.toBeInstanceOf(WorkflowStateError);
    });

    it('rolls back by itself when a workflow with rollback enabled fails, and reports a failed compensation', async () => {
      const { workflow: submitted } = await store.submit(
        workflow([step('a'), step('b', 'a')], { rollbackEnabled: true }),
      );
      const [a] = await lease();
      await succeed(a);
      const [b] = await lease();
      await store.completeStep(b, { status: 'failed', error: { message: 'boom' } });
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('rolling_back');
      const [undo] = await lease();
      expect(undo).toMatchObject({ stepId: 'a', phase: 'rollback' });
      await store.completeStep(undo, { status: 'failed', error: { message: 'undo failed' } });
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('rollback_failed');
      expect((await store.resume(submitted.id)).status).toBe('rolling_back');
      const [again] = await lease();
      await succeed(again);
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('rolled_back');
    });
  });

  describe(`${name}: listing, metrics, durability`, () => {
    it('lists workflows newest first, filtered by status, page by page with a cursor', async () => {
      const submitted: string[] = [];
      for (let index = 0; index < 5; index++)
        submitted.push((await store.submit(workflow([step('a')], { name: `w${index}` }))).workflow.id);
      const first = await store.listWorkflows({ limit: 2 });
      const second = await store.listWorkflows({ limit: 2, cursor: first.nextCursor });
      const third = await store.listWorkflows({ limit: 2, cursor: second.nextCursor });
      expect([...first.items, ...second.items, ...third.items].map((item) => item.name)).toEqual([
        'w4',
        'w3',
        'w2',
        'w1',
        'w0',
      ]);
      expect(third.nextCursor).toBeUndefined();
      await drain();
      await store.submit(workflow([step('a')], { name: 'fresh' }));
      expect((await store.listWorkflows({ status: 'running' })).items.map((item) => item.name)).toEqual([
        'fresh',
      ]);
      await expect(store.listWorkflows({ cursor: 'garbage' })).rejects.toBeInstanceOf(WorkflowStateError);
    });

    it('lists workflows submitted within one millisecond in the order they were submitted', async () => {
      const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-03T10:00:00.000Z'));
      try {
        for (let index = 0; index < 6; index++)
          await store.submit(workflow([step('a')], { name: `same-ms-${index}` }));
      } finally {
        clock.mockRestore();
      }
      expect((await store.listWorkflows({ limit: 3 })).items.map((item) => item.name)).toEqual([
        'same-ms-5',
        'same-ms-4',
        'same-ms-3',
      ]);
    });

    it('counts steps by state and the runnable queue', async () => {
      await store.submit(workflow([step('a'), step('b'), step('c', 'a')]));
      await lease(1);
      expect(await store.metrics()).toEqual({
        workflowsByStatus: { running: 1 },
        stepsByStatus: { running: 1, ready: 1, waiting: 1 },
        queueDepth: 1,
      });
    });

    it('keeps every acknowledged transition for the next store opened on the same database', async () => {
      const { workflow: submitted } = await store.submit(workflow([step('a'), step('b', 'a')]));
      const [a] = await lease();
      await succeed(a, { done: true });
      const [b] = await lease(1, 'worker-a', 50);
      const restarted = await another();
      await new Promise((resolve) => setTimeout(resolve, 80));
      const [takenOver] = await restarted.leaseSteps({ worker: 'worker-b', limit: 5, leaseMs: LEASE_MS });
      expect(takenOver).toMatchObject({ stepId: 'b', attempt: 2, inputs: { a: { done: true } } });
      expect(b.stepId).toBe('b');
      await restarted.completeStep(takenOver, { status: 'succeeded' });
      expect((await store.getWorkflow(submitted.id))?.workflow.status).toBe('succeeded');
    });
  });
}

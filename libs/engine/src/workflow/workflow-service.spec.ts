import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkspace } from '../testing/workspace-fixture';
import { WorkflowInvalidError, WorkflowService } from './workflow-service';

// Real parts: a workspace whose servers are this machine (provider: local), real shell commands,
// the embedded SQLite store on disk. Each step leaves a line in a file the test reads back.
jest.setTimeout(60_000);

describe('WorkflowService (runner over the embedded store, local hosts)', () => {
  let ws: string;
  let service: WorkflowService | undefined;
  const log = () => join(ws, 'log');
  const lines = () => (existsSync(log()) ? readFileSync(log(), 'utf8').trim().split('\n') : []);
  const open = async (
    runner: { leaseMs?: number; concurrency?: number; liveEventsPerStep?: number } = {},
  ) => {
    service = await WorkflowService.open({
      store: `sqlite:${join(ws, '.provisioning/workflows.db')}`,
      cwd: ws,
      runner: { pollMs: 20, ...runner },
    });
    return service;
  };
  const write = (name: string, yaml: string) => {
    const path = join(ws, 'workflows', name);
    mkdirSync(join(ws, 'workflows'), { recursive: true });
    writeFileSync(path, yaml);
    return `workflows/${name}`;
  };
  const append = (text: string) => `echo ${text} >> ${log()}`;

  beforeEach(() => {
    ws = writeWorkspace({
      'provisioning.yaml': 'name: t\ndefault_infra: main\n',
      'infra/main/servers.yaml': 'servers:\n  - { name: here, provider: local, labels: { role: web } }\n',
    });
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    rmSync(ws, { recursive: true, force: true });
  });

  it('runs command steps in dependency order, each after its dependencies committed, and records their outputs', async () => {
    const file = write(
      'deploy.yaml',
      `name: deploy\nparallel_limit: 2\noperations:\n` +
        `  - { id: a, type: command, servers: all, command: "${append('a')}" }\n` +
        `  - { id: b, type: command, servers: role=web, command: "${append('b')}; echo from-b", dependencies: [a] }\n` +
        `  - { id: c, type: noop, dependencies: [b] }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    const final = await svc.follow(workflow.id);
    expect(final.status).toBe('succeeded');
    expect(lines()).toEqual(['a', 'b']);
    const detail = await svc.get(workflow.id);
    expect(detail?.steps.find((step) => step.id === 'b')?.outputs).toEqual({
      hosts: [{ host: 'here', code: 0, stdout: 'from-b\n', stderr: '', durationMs: expect.any(Number) }],
    });
  });

  it("records a running step's output lines as events, as they come, before its result; beyond the cap only a count", async () => {
    const file = write(
      'talk.yaml',
      `name: talk\noperations:\n` +
        `  - { id: talk, type: command, servers: all, command: "echo one; sleep 0.5; echo two >&2; sleep 0.2; echo three; echo four" }\n`,
    );
    const svc = await open({ liveEventsPerStep: 3 });
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    // The first line is recorded while the command still sleeps: before the step's result.
    for (let seen = false; !seen; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const events = await svc.events(workflow.id);
      seen = events.some((event) => event.type === 'step-output');
      expect(events.some((event) => event.type === 'step-succeeded')).toBe(false);
    }
    expect((await svc.follow(workflow.id)).status).toBe('succeeded');
    const events = (await svc.events(workflow.id)).filter((event) => event.stepId === 'talk');
    expect(events.map((event) => event.type)).toEqual([
      'step-started',
      'step-output',
      'step-output',
      'step-output',
      'step-output-truncated',
      'step-succeeded',
    ]);
    expect(events.slice(1, 4).map((event) => event.data)).toEqual([
      { attempt: 1, host: 'here', stream: 'stdout', line: 'one' },
      { attempt: 1, host: 'here', stream: 'stderr', line: 'two' },
      { attempt: 1, host: 'here', stream: 'stdout', line: 'three' },
    ]);
    expect(events[4].data).toEqual({ attempt: 1, dropped: 1, kept: 3 });
  });

  it('never runs more steps of a workflow at once than parallel_limit', async () => {
    const marker = (id: string) => `echo start ${id} >> ${log()}; sleep 0.3; echo end ${id} >> ${log()}`;
    const file = write(
      'wide.yaml',
      `name: wide\nparallel_limit: 2\noperations:\n${['a', 'b', 'c', 'd'].map((id) => `  - { id: ${id}, type: command, servers: all, command: "${marker(id)}" }\n`).join('')}`,
    );
    const svc = await open({ concurrency: 8 });
    svc.startWorkers(2);
    const { workflow } = await svc.submitFile(file);
    expect((await svc.follow(workflow.id)).status).toBe('succeeded');
    let running = 0;
    let most = 0;
    for (const line of lines()) {
      running += line.startsWith('start') ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });

  it('retries a step that failed with a class its policy covers, after the backoff, and succeeds', async () => {
    const counter = join(ws, 'tries');
    const file = write(
      'flaky.yaml',
      `name: flaky\noperations:\n  - id: flaky\n    type: command\n    servers: all\n    command: "echo x >> ${counter}; test $(wc -l < ${counter}) -ge 3"\n    retry: { attempts: 3, backoff: 0.05, jitter: false, on: [exit] }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    expect((await svc.follow(workflow.id)).status).toBe('succeeded');
    const detail = await svc.get(workflow.id);
    expect(detail?.steps[0]).toMatchObject({ status: 'succeeded', attempt: 3, tries: 3 });
    expect(
      (await svc.events(workflow.id)).filter((event) => event.type === 'step-retry-scheduled'),
    ).toHaveLength(2);
  });

  it('fails a step that outlives its timeout, aborting the command, with the timeout class', async () => {
    const file = write(
      'slow.yaml',
      `name: slow\noperations:\n  - { id: slow, type: command, servers: all, timeout: 1, command: "sleep 20" }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const started = Date.now();
    const { workflow } = await svc.submitFile(file);
    expect((await svc.follow(workflow.id)).status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await svc.get(workflow.id))?.steps[0].error).toMatchObject({
      message: 'timed out after 1s and was aborted',
      class: 'timeout',
    });
  });

  it('cancels a workflow: the running command is aborted and the steps after it never start', async () => {
    const file = write(
      'long.yaml',
      `name: long\noperations:\n  - { id: long, type: command, servers: all, command: "${append('started')}; sleep 30" }\n  - { id: after, type: command, servers: all, command: "${append('after')}", dependencies: [long] }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    while (lines().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await svc.cancel(workflow.id);
    expect((await svc.follow(workflow.id)).status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines()).toEqual(['started']);
    expect((await svc.get(workflow.id))?.steps.map((step) => step.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });

  it('rolls a failed workflow back by itself, running the compensations in reverse dependency order', async () => {
    const file = write(
      'undo.yaml',
      `name: undo\nrollback_enabled: true\noperations:\n` +
        `  - { id: net, type: command, servers: all, command: "${append('net')}", rollback: { type: command, servers: all, command: "${append('undo-net')}" } }\n` +
        `  - { id: vm, type: command, servers: all, command: "${append('vm')}", dependencies: [net], rollback: { type: command, servers: all, command: "${append('undo-vm')}" } }\n` +
        `  - { id: app, type: command, servers: all, command: "exit 4", dependencies: [vm] }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    expect((await svc.follow(workflow.id)).status).toBe('rolled_back');
    expect(lines()).toEqual(['net', 'vm', 'undo-vm', 'undo-net']);
    expect((await svc.get(workflow.id))?.steps.find((step) => step.id === 'app')?.error).toMatchObject({
      message: '1 of 1 host(s) failed: here: exit 4',
      class: 'exit',
    });
  });

  it('checkpoints a step as interrupted when its worker stops, and another worker runs it again to completion', async () => {
    const file = write(
      'stop.yaml',
      `name: stop\noperations:\n  - { id: s, type: command, servers: all, command: "${append('try')}; sleep 1" }\n`,
    );
    const first = await open();
    first.startWorkers(1);
    const { workflow } = await first.submitFile(file);
    while (lines().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.close();
    service = undefined;
    expect((await (await open()).get(workflow.id))?.steps[0]).toMatchObject({
      status: 'ready',
      attempt: 1,
      tries: 0,
    });
    (service as unknown as WorkflowService).startWorkers(1);
    expect((await (service as unknown as WorkflowService).follow(workflow.id)).status).toBe('succeeded');
    expect(lines()).toEqual(['try', 'try']);
  });

  it('waits out a running step within the grace and then leaves no timer holding the process open', async () => {
    const file = write(
      'grace.yaml',
      `name: grace\noperations:\n  - { id: s, type: command, servers: all, command: "${append('begun')}; sleep 0.3; ${append('ended')}" }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    await svc.submitFile(file);
    while (lines().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const set = jest.spyOn(global, 'setTimeout');
    const clear = jest.spyOn(global, 'clearTimeout');
    try {
      await svc.close(60_000);
      service = undefined;
      expect(lines()).toEqual(['begun', 'ended']);
      // The step settled in well under the minute of grace, so the grace timer must be cleared:
      // left pending, it would keep a server that closed from exiting for the rest of the minute.
      const grace = set.mock.calls.flatMap(([, ms], n) => (ms === 60_000 ? [set.mock.results[n].value] : []));
      expect(grace).toHaveLength(1);
      expect(clear.mock.calls.some(([timer]) => timer === grace[0])).toBe(true);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it('runs another workflow file as one step and fails with it', async () => {
    write(
      'child.yaml',
      `name: child\noperations:\n  - { id: inner, type: command, servers: all, command: "${append('inner')}" }\n`,
    );
    const file = write(
      'parent.yaml',
      `name: parent\noperations:\n  - { id: sub, type: workflow, file: child.yaml }\n  - { id: then, type: command, servers: all, command: "${append('then')}", dependencies: [sub] }\n`,
    );
    const svc = await open();
    svc.startWorkers(1);
    const { workflow } = await svc.submitFile(file);
    expect((await svc.follow(workflow.id)).status).toBe('succeeded');
    expect(lines()).toEqual(['inner', 'then']);
    const sub = (await svc.get(workflow.id))?.steps[0].outputs as { workflowId: string };
    expect((await svc.get(sub.workflowId))?.workflow).toMatchObject({ name: 'child', status: 'succeeded' });
  });

  it('refuses an invalid file with every problem at file:line:col, submitting nothing', async () => {
    const file = write('bad.yaml', 'name: bad\noperations:\n  - { id: a, type: command, servers: all }\n');
    const svc = await open();
    await expect(svc.submitFile(file)).rejects.toThrow(WorkflowInvalidError);
    await expect(svc.submitFile(file)).rejects.toThrow(
      'workflows/bad.yaml:3:5 error operations[0].command: required, but missing; expected a shell command line',
    );
    expect((await svc.list()).items).toEqual([]);
  });
});

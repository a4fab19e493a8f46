import { absent, defineTaskserv, directory, file, type TaskservScenario } from '@provisioning/sdk';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runScenario } from './run-scenario';
import type { ScenarioEvent } from './scenario-result';
import { writeScenarioWorkspace } from './scenario-workspace';

// Real parts: the engine's plan and apply on this machine (provider: local), real files, real
// shell checks. Each deliberate bug is one a scenario step exists to catch.
type Bug = 'none' | 'does-not-converge' | 'changes-more' | 'leaves-a-file';

const greeting = (bug: Bug) =>
  defineTaskserv({
    name: 'greeting',
    version: '0.1.0',
    description: 'A greeting file in a directory.',
    params: z.object({ dir: z.string(), message: z.string().default('hello') }),
    install: ({ params }) => [
      directory({ path: params.dir, mode: '0755' }),
      file({
        path: `${params.dir}/greeting.conf`,
        content: `message=${params.message}${bug === 'does-not-converge' ? ` at ${process.hrtime.bigint()}` : ''}\n`,
      }),
      ...(bug === 'changes-more'
        ? [file({ path: `${params.dir}/copy.conf`, content: `message=${params.message}\n` })]
        : []),
    ],
    remove: ({ params }) => (bug === 'leaves-a-file' ? [] : [absent({ path: params.dir, recursive: true })]),
  });

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'engine-scenario-'));
  dir = join(root, 'greeting');
  writeScenarioWorkspace(root, { servers: [{ name: 'here', provider: 'local' }], settings: {} });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const scenario = (): TaskservScenario => ({
  name: 'greeting: write, change the message, remove',
  taskserv: 'greeting',
  description: 'Changing the message rewrites greeting.conf only.',
  hosts: 1,
  apply: { params: { dir } },
  checks: [
    { description: 'the greeting is written', command: `cat ${dir}/greeting.conf`, expect: 'message=hello' },
  ],
  change: { params: { dir, message: 'bye' }, changes: [`file:${dir}/greeting.conf`] },
  removed: [
    {
      description: 'nothing is left',
      command: `test -e ${dir} && echo left || echo removed`,
      expect: 'removed',
    },
  ],
});

const run = (bug: Bug, events?: ScenarioEvent[]) =>
  runScenario({
    scenario: scenario(),
    workspace: root,
    hosts: ['here'],
    taskservs: [greeting(bug)],
    checkTimeoutMs: 0,
    onEvent: (event) => events?.push(event),
  });

describe('runScenario', () => {
  it('passes every step of a correct taskserv and leaves nothing behind', async () => {
    const events: ScenarioEvent[] = [];
    const result = await run('none', events);
    expect(result.steps.map((step) => [step.step, step.status, step.failures])).toEqual([
      ['first apply', 'passed', []],
      ['converge', 'passed', []],
      ['param change', 'passed', []],
      ['remove', 'passed', []],
    ]);
    expect(result.status).toBe('passed');
    expect(existsSync(dir)).toBe(false);
    expect(events.filter((event) => event.type === 'step-started').map((event) => event.step)).toEqual([
      'first apply',
      'converge',
      'param change',
      'remove',
    ]);
    expect(events.some((event) => event.type === 'engine' && event.event.type === 'operation-finished')).toBe(
      true,
    );
  });

  it('names the converge step, the host and the operation when a second apply changes something', async () => {
    const result = await run('does-not-converge');
    expect(result.status).toBe('failed');
    expect(result.steps.map((step) => [step.step, step.status])).toEqual([
      ['first apply', 'passed'],
      ['converge', 'failed'],
      ['param change', 'skipped'],
      ['remove', 'skipped'],
    ]);
    expect(result.steps[1].failures).toEqual([
      expect.objectContaining({ step: 'converge', host: 'here', operation: `file:${dir}/greeting.conf` }),
    ]);
    expect(result.steps[1].failures[0].message).toMatch(/does not converge/);
  });

  it('names the param change step and the undeclared operation when a change does more than declared', async () => {
    const result = await run('changes-more');
    const failed = result.steps.find((step) => step.status === 'failed');
    expect(failed?.step).toBe('param change');
    expect(failed?.failures).toEqual([
      expect.objectContaining({ host: 'here', operation: `file:${dir}/copy.conf` }),
    ]);
    expect(failed?.failures[0].message).toMatch(
      /the plan lists .*copy\.conf, which the scenario does not declare/,
    );
  });

  it('names the remove step and what the check saw when remove leaves a file', async () => {
    const result = await run('leaves-a-file');
    const failed = result.steps.find((step) => step.status === 'failed');
    expect(failed?.step).toBe('remove');
    expect(failed?.failures).toEqual([expect.objectContaining({ step: 'remove', host: 'here' })]);
    expect(failed?.failures[0].message).toContain('check "nothing is left" failed');
    expect(failed?.failures[0].message).toContain('saw: left');
  });

  it('fails the first apply with the host and operation when an operation fails', async () => {
    const broken = { ...scenario(), apply: { params: { dir: '/proc/provisioning-cannot-write-here' } } };
    const result = await runScenario({
      scenario: broken,
      workspace: root,
      hosts: ['here'],
      taskservs: [greeting('none')],
      checkTimeoutMs: 0,
    });
    expect(result.steps[0]).toMatchObject({ step: 'first apply', status: 'failed' });
    expect(result.steps[0].failures[0]).toMatchObject({
      host: 'here',
      operation: 'directory:/proc/provisioning-cannot-write-here',
    });
  });
});

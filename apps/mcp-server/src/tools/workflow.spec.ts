import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callTool, connectClient, localWorkspace, testEnv, writeFiles } from '../testing/mcp-test-workspace';

jest.setTimeout(60_000);

/** workflow_submit and workflow_status over the workspace's embedded store, this process the worker. */
describe('workflow_submit and workflow_status', () => {
  let root: string;
  let client: Client;
  let close: () => Promise<void>;
  const log = () => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : '');

  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const { data } = await callTool(client, 'workflow_status', { id });
      if ((data['workflow'] as { status: string }).status !== 'running') return data;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`workflow ${id} still running after 10 s`);
  }

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-workflow-'));
    localWorkspace(root, join(root, 'motd.txt'));
    ({ client, close } = await connectClient(root, testEnv(root)));
  });
  afterEach(async () => {
    await close();
    rmSync(root, { recursive: true, force: true });
  });

  it('submits a workflow file, runs its steps in order, and reports each step and the events', async () => {
    writeFiles(root, {
      'workflows/rollout.yaml': `name: rollout\noperations:\n  - { id: a, type: command, servers: all, command: "echo a >> ${join(root, 'log')}" }\n  - { id: b, type: command, servers: all, command: "echo b >> ${join(root, 'log')}", dependencies: [a] }\n`,
    });
    const submitted = await callTool(client, 'workflow_submit', { file: 'workflows/rollout.yaml' });
    expect(submitted.data).toMatchObject({ created: true, workflow: { name: 'rollout' } });
    const id = (submitted.data['workflow'] as { id: string }).id;
    const done = await finished(id);
    expect(done['workflow']).toMatchObject({ id, status: 'succeeded' });
    expect(
      (done['steps'] as Array<{ id: string; status: string }>).map((s) => `${s.id}:${s.status}`),
    ).toEqual(['a:succeeded', 'b:succeeded']);
    expect((done['events'] as Array<{ type: string }>).map((e) => e.type)).toContain('workflow-succeeded');
    expect(log()).toBe('a\nb\n');
    const listed = await callTool(client, 'workflow_status', {});
    expect(listed.data['workflows']).toEqual([expect.objectContaining({ id, status: 'succeeded' })]);
  });

  it('returns the first workflow again for the same idempotency key instead of running a second', async () => {
    const document = `name: once\noperations:\n  - { id: a, type: command, servers: all, command: "echo once >> ${join(root, 'log')}" }\n`;
    const first = await callTool(client, 'workflow_submit', { document, idempotencyKey: 'k-1' });
    const id = (first.data['workflow'] as { id: string }).id;
    await finished(id);
    const second = await callTool(client, 'workflow_submit', { document, idempotencyKey: 'k-1' });
    expect(second.data).toMatchObject({ created: false, workflow: { id } });
    expect(log()).toBe('once\n');
  });

  it('refuses an invalid document with file:line:col diagnostics, running nothing', async () => {
    const { result, text } = await callTool(client, 'workflow_submit', {
      document: 'name: bad\noperations:\n  - { id: a, type: teleport }\n',
    });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/<request body>:3:\d+/);
    expect((await callTool(client, 'workflow_status', {})).data['workflows']).toEqual([]);
  });

  it('refuses a file outside the workspace without reading it, and asks for exactly one of file and document', async () => {
    const outside = await callTool(client, 'workflow_submit', { file: '../../etc/passwd' });
    expect(outside.result.isError).toBe(true);
    expect(outside.text).toMatch(/outside the workspace/);
    expect(outside.text).not.toMatch(/root:/);
    const both = await callTool(client, 'workflow_submit', { file: 'a.yaml', document: 'name: x' });
    expect(both.text).toMatch(/exactly one of file and document/);
  });

  it('says how to find the ids when asked for a workflow that does not exist', async () => {
    const { result, text } = await callTool(client, 'workflow_status', { id: 'wf-missing' });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/no workflow wf-missing.*workflow_status without an id/s);
  });
});

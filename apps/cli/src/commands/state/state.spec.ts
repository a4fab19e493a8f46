import { defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { SqliteStateStore } from '@provisioning/store';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  params: z.object({ path: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: 'hello\n', mode: '0644' })],
});
const taskservs = new Map<string, TaskservDefinition>([['motd', motd]]);

// Real processes and a real store: the first test also loads the engine, slow on a loaded machine.
jest.setTimeout(30_000);

describe('provisioning state (real state store)', () => {
  let ws: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, taskservs, env: { HOME: ws } });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-state-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
    writeFileSync(
      join(ws, 'infra/main/taskservs.yaml'),
      `taskservs:\n  - { name: motd, servers: [here], params: { path: "${join(ws, 'motd')}" } }\n`,
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('list says nothing was recorded yet, without creating a state store', async () => {
    const listed = await cli(['state', 'list', '--output', 'json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ runs: [], locks: [] });
    expect(existsSync(join(ws, '.provisioning/state.db'))).toBe(false);
    const shown = await cli(['state', 'show', 'x']);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toMatch(
      /error: no state store at .*state\.db: nothing was applied in this workspace yet/,
    );
  });

  it('list shows each apply with its counts, newest first', async () => {
    expect((await cli(['apply', '--yes'])).code).toBe(0);
    expect((await cli(['apply', '--yes'])).code).toBe(0);
    const listed = await cli(['state', 'list', '--output', 'json']);
    const { runs } = JSON.parse(listed.stdout);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({
      infra: 'main',
      command: 'apply',
      status: 'succeeded',
      hosts: 1,
      changed: 0,
      failed: 0,
    });
    expect(runs[1]).toMatchObject({ changed: 1 });

    const text = await cli(['state', 'list', '--limit', '1', '--no-color']);
    expect(text.stdout).toMatch(
      /^id\s+infra\s+command\s+status\s+started\s+duration\s+hosts\s+changed\s+failed\n/,
    );
    expect(text.stdout.trim().split('\n')).toHaveLength(2);
    expect(text.stdout).toContain(runs[0].id);
  });

  it('show finds a run by a unique prefix and lists its operations per host and its events', async () => {
    const applied = JSON.parse((await cli(['apply', '--yes', '--output', 'json'])).stdout);
    const shown = await cli(['state', 'show', applied.runId.slice(0, -2), '--no-color']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`run ${applied.runId}: apply on infra main, succeeded`);
    expect(shown.stdout).toMatch(
      /here 1 changed, 0 unchanged, 0 failed, 0 skipped\n {2}changed {3}motd\/file:\S+motd: create/,
    );
    expect(shown.stdout).toMatch(/here host-finished: ok, 1 changed/);

    const json = JSON.parse((await cli(['state', 'show', applied.runId, '--output', 'json'])).stdout);
    expect(json.run.id).toBe(applied.runId);
    expect(json.operations).toEqual([
      expect.objectContaining({ host: 'here', status: 'changed', kind: 'file' }),
    ]);
  });

  it('show names an unknown run and a prefix that matches several', async () => {
    await cli(['apply', '--yes']);
    await cli(['apply', '--yes']);
    const unknown = await cli(['state', 'show', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: no run "nope" in');
    expect(unknown.stderr).toContain("hint: see the recorded runs with 'provisioning state list'");
    const ambiguous = await cli(['state', 'show', '2']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('error: Run id prefix "2" matches several runs; give more of the id');
  });

  describe('unlock', () => {
    const holdLock = async () => {
      const store = SqliteStateStore.open(join(ws, '.provisioning/state.db'));
      try {
        return await store.acquireLock('main', { command: 'apply' });
      } finally {
        await store.close();
      }
    };

    beforeEach(async () => {
      // The store file exists once something ran.
      expect((await cli(['apply', '--yes'])).code).toBe(0);
    });

    it('refuses without --yes when nobody can confirm, and the lock stays', async () => {
      const lock = await holdLock();
      const refused = await cli(['state', 'unlock', lock.id]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `error: removing lock ${lock.id} of infra main needs confirmation and nobody is there to give it`,
      );
      expect(refused.stderr).toContain(
        `hint: once you are sure its holder is gone: 'provisioning state unlock ${lock.id} --yes'`,
      );
      const blocked = await cli(['apply', '--yes']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`provisioning state unlock ${lock.id}`);
    });

    it('with --yes removes the lock, says who held it, and apply runs again', async () => {
      const lock = await holdLock();
      const listed = JSON.parse((await cli(['state', 'list', '--output', 'json'])).stdout);
      expect(listed.locks).toEqual([
        expect.objectContaining({ id: lock.id, infra: 'main', command: 'apply', pid: process.pid }),
      ]);

      const unlocked = await cli(['state', 'unlock', lock.id, '--yes', '--no-color']);
      expect(unlocked.code).toBe(0);
      expect(unlocked.stdout).toContain(
        `Unlocked infra main: lock ${lock.id} of infra main was held by apply (pid ${process.pid} on `,
      );
      expect((await cli(['apply', '--yes'])).code).toBe(0);
    });

    it('names the locks held when the id is unknown', async () => {
      const lock = await holdLock();
      const wrong = await cli(['state', 'unlock', 'lock-00000000', '--yes']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('error: no lock "lock-00000000" is held in');
      expect(wrong.stderr).toContain(`hint: locks held now: ${lock.id} (infra main)`);
    });
  });
});

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SqliteStateStore } from './sqlite-state-store';

// Each test starts node processes: seconds apiece on a loaded machine.
jest.setTimeout(60_000);

const CONTENDER = join(__dirname, '..', '..', 'testing', 'lock-contender.ts');
const REGISTER = require.resolve('@swc-node/register');

interface Outcome {
  acquired: boolean;
  lockId?: string;
  pid?: number;
  error?: string;
  message?: string;
}

function contend(
  db: string,
  mode: 'hold' | 'crash',
): { child: ChildProcessWithoutNullStreams; outcome: Promise<Outcome> } {
  const child = spawn(process.execPath, ['-r', REGISTER, CONTENDER, db, 'prod', mode]);
  const outcome = new Promise<Outcome>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (text) => resolve(JSON.parse(text)));
    child.once('exit', (code) => reject(new Error(`contender exited (${code}) before reporting`)));
  });
  return { child, outcome };
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  child.exitCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the apply lock across processes', () => {
  it('lets exactly one of two processes starting together hold it; the other learns who holds it', async () => {
    const db = join(dir, 'state.db');
    SqliteStateStore.open(db).close(); // create the schema first, as the CLI would
    const contenders = [contend(db, 'hold'), contend(db, 'hold')];
    const outcomes = await Promise.all(contenders.map((contender) => contender.outcome));

    const winners = outcomes.filter((outcome) => outcome.acquired);
    const losers = outcomes.filter((outcome) => !outcome.acquired);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ error: 'LockHeldError' })]);
    expect(losers[0].message).toContain(`pid ${winners[0].pid}`);

    for (const { child } of contenders) child.stdin.end();
    await Promise.all(contenders.map(({ child }) => exited(child)));
    const store = SqliteStateStore.open(db);
    expect(await store.getLock('prod')).toBeUndefined();
    await store.close();
  });

  it('takes over the lock of a holder that died without releasing it', async () => {
    const db = join(dir, 'state.db');
    const crashed = contend(db, 'crash');
    const outcome = await crashed.outcome;
    await exited(crashed.child);

    const store = SqliteStateStore.open(db);
    const lock = await store.acquireLock('prod', { command: 'apply' });
    expect(lock.replaced).toMatchObject({ id: outcome.lockId, pid: outcome.pid });
    await store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { SqliteWorkflowDatabase } from './sqlite-workflow-database';

describe('SQLite workflow database: group commit', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-db-'));
    path = join(dir, 'workflows.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const insertEvent = (db: SqliteWorkflowDatabase, type: string) =>
    db.transaction(async (tx) => {
      await tx.run("INSERT INTO workflow_events (workflow_id, at, type) VALUES ('wf-1', 0, ?)", [type]);
      return type;
    });

  async function seeded(): Promise<SqliteWorkflowDatabase> {
    const db = SqliteWorkflowDatabase.open(path);
    await db.run(
      "INSERT INTO workflows (id, name, status, parallel_limit, rollback_enabled, created_at, updated_at) VALUES ('wf-1', 'w', 'running', 1, 0, 0, 0)",
    );
    return db;
  }

  /** Read through a connection of its own: what it sees is on disk, not in this process's transaction. */
  function committedTypes(): string[] {
    const reader = new Database(path);
    try {
      return (
        reader.prepare('SELECT type FROM workflow_events ORDER BY seq').all() as Array<{ type: string }>
      ).map((row) => row.type);
    } finally {
      reader.close();
    }
  }

  it('acknowledges each of the transactions requested together only once they are committed, in request order', async () => {
    const db = await seeded();
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => insertEvent(db, `e${index}`)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => `e${index}`));
    expect(committedTypes()).toEqual(results);
    await db.close();
  });

  it('rolls back only the transaction that failed; the others of its batch are committed', async () => {
    const db = await seeded();
    const failing = db.transaction(async (tx) => {
      await tx.run("INSERT INTO workflow_events (workflow_id, at, type) VALUES ('wf-1', 0, 'lost')");
      throw new Error('this transition is refused');
    });
    const settled = await Promise.allSettled([insertEvent(db, 'before'), failing, insertEvent(db, 'after')]);
    expect(settled.map((item) => item.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('this transition is refused');
    expect(committedTypes()).toEqual(['before', 'after']);
    await db.close();
  });

  it('makes a write outside a transaction durable before it returns', async () => {
    const db = await seeded();
    await db.run("INSERT INTO workflow_events (workflow_id, at, type) VALUES ('wf-1', 0, 'alone')");
    expect(committedTypes()).toEqual(['alone']);
    await db.close();
  });

  it('rejects a statement that breaks a constraint without touching the rest of the batch', async () => {
    const db = await seeded();
    const orphan = db.transaction((tx) =>
      tx.run("INSERT INTO workflow_events (workflow_id, at, type) VALUES ('no-such-workflow', 0, 'orphan')"),
    );
    const settled = await Promise.allSettled([orphan, insertEvent(db, 'kept')]);
    expect(settled[0].status).toBe('rejected');
    expect(committedTypes()).toEqual(['kept']);
    await db.close();
  });
});

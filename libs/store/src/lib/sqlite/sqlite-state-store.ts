import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { LockHeldError, LockLostError } from '../errors';
import { processAlive } from '../process-alive';
import type {
  AcquiredLock,
  AcquireLockOptions,
  InstalledTaskserv,
  LockRecord,
  OperationRecord,
  RunDetail,
  RunEvent,
  RunRecord,
  RunStatus,
  RunSummary,
  StateStore,
} from '../state-store';
import { immediate, openDatabase, prepared, row } from './database';
import { SqliteServerRecords } from './sqlite-server-records';
import type { ProviderCallRecord, ServerRecord } from '../server-records';
import type { SqliteDatabase } from './database';

const DEFAULT_LEASE_MS = 15 * 60 * 1000;

type RunRow = {
  id: string;
  infra: string;
  command: string;
  status: RunStatus;
  started_at: number;
  finished_at: number | null;
  actor: string | null;
};
type LockRow = {
  id: string;
  infra: string;
  pid: number;
  hostname: string;
  command: string;
  acquired_at: number;
  expires_at: number;
};

/** The embedded state store: one SQLite file (WAL), safe for several processes on one machine. */
export class SqliteStateStore implements StateStore {
  private readonly servers: SqliteServerRecords;

  private constructor(private readonly db: SqliteDatabase) {
    this.servers = new SqliteServerRecords(db);
  }

  /** Opens `.provisioning/state.db` (or any path), creating and migrating it as needed. */
  static open(path: string): SqliteStateStore {
    return new SqliteStateStore(openDatabase(path));
  }

  async startRun(input: { infra: string; command: string; actor?: string }): Promise<RunRecord> {
    const startedAt = new Date();
    const id = runId(startedAt);
    prepared(
      this.db,
      "INSERT INTO runs (id, infra, command, status, started_at, actor) VALUES (?, ?, ?, 'running', ?, ?)",
    ).run(id, input.infra, input.command, startedAt.getTime(), input.actor ?? null);
    return {
      id,
      infra: input.infra,
      command: input.command,
      status: 'running',
      startedAt,
      ...(input.actor ? { actor: input.actor } : {}),
    };
  }

  async finishRun(id: string, status: Exclude<RunStatus, 'running'>): Promise<void> {
    const result = prepared(this.db, 'UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(
      status,
      Date.now(),
      id,
    );
    if (result.changes === 0) throw new Error(`No run ${id} in the state store; it cannot be finished`);
  }

  async interruptRuns(infra: string): Promise<string[]> {
    return immediate(this.db, () => {
      const rows = prepared(this.db, "SELECT id FROM runs WHERE infra = ? AND status = 'running'").all(
        infra,
      ) as Array<{ id: string }>;
      prepared(
        this.db,
        "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE infra = ? AND status = 'running'",
      ).run(Date.now(), infra);
      return rows.map((item) => item.id);
    });
  }

  async recordOperations(runId: string, records: readonly OperationRecord[]): Promise<void> {
    if (records.length === 0) return;
    const upsert = prepared(
      this.db,
      `INSERT INTO operation_results (run_id, host, operation_id, kind, status, summary, duration_ms, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, host, operation_id) DO UPDATE SET status = excluded.status, summary = excluded.summary,
           duration_ms = excluded.duration_ms, recorded_at = excluded.recorded_at`,
    );
    const now = Date.now();
    immediate(this.db, () => {
      for (const record of records)
        upsert.run(
          runId,
          record.host,
          record.operationId,
          record.kind,
          record.status,
          record.summary,
          Math.round(record.durationMs),
          now,
        );
    });
  }

  async appendEvent(runId: string, event: Omit<RunEvent, 'seq' | 'at'> & { at?: Date }): Promise<void> {
    prepared(
      this.db,
      'INSERT INTO events (run_id, at, host, type, message, data) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      runId,
      (event.at ?? new Date()).getTime(),
      event.host ?? null,
      event.type,
      event.message,
      event.data === undefined ? null : JSON.stringify(event.data),
    );
  }

  async listRuns(query: { infra?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const rows = prepared(
      this.db,
      `SELECT r.*, COUNT(DISTINCT o.host) AS hosts,
                COALESCE(SUM(o.status = 'changed'), 0) AS changed, COALESCE(SUM(o.status = 'failed'), 0) AS failed
         FROM runs r LEFT JOIN operation_results o ON o.run_id = r.id
         WHERE (? IS NULL OR r.infra = ?)
         GROUP BY r.id ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`,
    ).all(query.infra ?? null, query.infra ?? null, query.limit ?? 20) as Array<
      RunRow & { hosts: number; changed: number; failed: number }
    >;
    return rows.map((item) => ({
      ...toRun(item),
      hosts: item.hosts,
      changed: item.changed,
      failed: item.failed,
    }));
  }

  async showRun(idOrPrefix: string): Promise<RunDetail | undefined> {
    const matches = prepared(this.db, "SELECT * FROM runs WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2").all(
      idOrPrefix,
      `${escapeLike(idOrPrefix)}%`,
    ) as RunRow[];
    const exact = matches.find((item) => item.id === idOrPrefix);
    if (!exact && matches.length > 1)
      throw new Error(`Run id prefix "${idOrPrefix}" matches several runs; give more of the id`);
    const found = exact ?? matches[0];
    if (!found) return undefined;
    const operations = prepared(
      this.db,
      'SELECT host, operation_id, kind, status, summary, duration_ms FROM operation_results WHERE run_id = ? ORDER BY host, recorded_at, rowid',
    ).all(found.id) as Array<{
      host: string;
      operation_id: string;
      kind: string;
      status: OperationRecord['status'];
      summary: string;
      duration_ms: number;
    }>;
    const events = prepared(
      this.db,
      'SELECT seq, at, host, type, message, data FROM events WHERE run_id = ? ORDER BY seq',
    ).all(found.id) as Array<{
      seq: number;
      at: number;
      host: string | null;
      type: string;
      message: string;
      data: string | null;
    }>;
    return {
      run: toRun(found),
      operations: operations.map((item) => ({
        host: item.host,
        operationId: item.operation_id,
        kind: item.kind,
        status: item.status,
        summary: item.summary,
        durationMs: item.duration_ms,
      })),
      events: events.map((item) => ({
        seq: item.seq,
        at: new Date(item.at),
        type: item.type,
        message: item.message,
        ...(item.host ? { host: item.host } : {}),
        ...(item.data ? { data: JSON.parse(item.data) } : {}),
      })),
    };
  }

  async rememberHostFacts(
    infra: string,
    host: string,
    facts: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    prepared(
      this.db,
      `INSERT INTO host_facts (infra, host, facts, read_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (infra, host) DO UPDATE SET facts = excluded.facts, read_at = excluded.read_at`,
    ).run(infra, host, JSON.stringify(facts), Date.now());
  }

  async rememberedHostFacts(infra: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = prepared(this.db, 'SELECT host, facts FROM host_facts WHERE infra = ?').all(infra) as Array<{
      host: string;
      facts: string;
    }>;
    const remembered = new Map<string, Record<string, unknown>>();
    for (const item of rows) {
      try {
        const facts: unknown = JSON.parse(item.facts);
        if (facts !== null && typeof facts === 'object' && !Array.isArray(facts))
          remembered.set(item.host, facts as Record<string, unknown>);
      } catch {
        // a row no run could have written (edited by hand): no guess for that host
      }
    }
    return remembered;
  }

  async recordTaskserv(record: Omit<InstalledTaskserv, 'installedAt'>): Promise<void> {
    prepared(
      this.db,
      `INSERT INTO installed_taskservs (infra, host, name, version, params_hash, run_id, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (infra, host, name) DO UPDATE SET version = excluded.version, params_hash = excluded.params_hash,
           run_id = excluded.run_id, installed_at = excluded.installed_at`,
    ).run(
      record.infra,
      record.host,
      record.name,
      record.version,
      record.paramsHash,
      record.runId,
      Date.now(),
    );
  }

  async removeTaskserv(infra: string, host: string, name: string): Promise<void> {
    prepared(this.db, 'DELETE FROM installed_taskservs WHERE infra = ? AND host = ? AND name = ?').run(
      infra,
      host,
      name,
    );
  }

  async listTaskservs(infra: string, host?: string): Promise<InstalledTaskserv[]> {
    const rows = prepared(
      this.db,
      'SELECT * FROM installed_taskservs WHERE infra = ? AND (? IS NULL OR host = ?) ORDER BY host, name',
    ).all(infra, host ?? null, host ?? null) as Array<{
      infra: string;
      host: string;
      name: string;
      version: string;
      params_hash: string;
      run_id: string;
      installed_at: number;
    }>;
    return rows.map((item) => ({
      infra: item.infra,
      host: item.host,
      name: item.name,
      version: item.version,
      paramsHash: item.params_hash,
      runId: item.run_id,
      installedAt: new Date(item.installed_at),
    }));
  }

  async acquireLock(infra: string, options: AcquireLockOptions): Promise<AcquiredLock> {
    return immediate(this.db, () => {
      const now = Date.now();
      const existing = row<LockRow>(prepared(this.db, 'SELECT * FROM locks WHERE infra = ?').get(infra));
      if (existing && !isStale(existing, now)) throw new LockHeldError(toLock(existing));
      if (existing) prepared(this.db, 'DELETE FROM locks WHERE infra = ?').run(infra);
      const lock: LockRecord = {
        id: `lock-${randomBytes(4).toString('hex')}`,
        infra,
        pid: process.pid,
        hostname: hostname(),
        command: options.command,
        acquiredAt: new Date(now),
        expiresAt: new Date(now + (options.leaseMs ?? DEFAULT_LEASE_MS)),
      };
      prepared(
        this.db,
        'INSERT INTO locks (infra, id, pid, hostname, command, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(infra, lock.id, lock.pid, lock.hostname, lock.command, now, lock.expiresAt.getTime());
      return existing ? { ...lock, replaced: toLock(existing) } : lock;
    });
  }

  async renewLock(lockId: string, leaseMs = DEFAULT_LEASE_MS): Promise<LockRecord> {
    return immediate(this.db, () => {
      const result = prepared(
        this.db,
        'UPDATE locks SET expires_at = ? WHERE id = ? AND pid = ? AND hostname = ?',
      ).run(Date.now() + leaseMs, lockId, process.pid, hostname());
      if (result.changes === 0) throw new LockLostError(lockId);
      return toLock(
        row<LockRow>(prepared(this.db, 'SELECT * FROM locks WHERE id = ?').get(lockId)) as LockRow,
      );
    });
  }

  async releaseLock(lockId: string): Promise<void> {
    prepared(this.db, 'DELETE FROM locks WHERE id = ? AND pid = ? AND hostname = ?').run(
      lockId,
      process.pid,
      hostname(),
    );
  }

  async forceUnlock(lockId: string): Promise<LockRecord | undefined> {
    return immediate(this.db, () => {
      const existing = row<LockRow>(prepared(this.db, 'SELECT * FROM locks WHERE id = ?').get(lockId));
      if (existing) prepared(this.db, 'DELETE FROM locks WHERE id = ?').run(lockId);
      return existing ? toLock(existing) : undefined;
    });
  }

  async getLock(infra: string): Promise<LockRecord | undefined> {
    const existing = row<LockRow>(prepared(this.db, 'SELECT * FROM locks WHERE infra = ?').get(infra));
    return existing ? toLock(existing) : undefined;
  }

  putServer(record: Omit<ServerRecord, 'createdAt' | 'updatedAt'>): Promise<ServerRecord> {
    return this.servers.putServer(record);
  }

  getServer(infra: string, name: string): Promise<ServerRecord | undefined> {
    return this.servers.getServer(infra, name);
  }

  listServers(infra: string): Promise<ServerRecord[]> {
    return this.servers.listServers(infra);
  }

  removeServer(infra: string, name: string): Promise<void> {
    return this.servers.removeServer(infra, name);
  }

  recordProviderCall(call: Omit<ProviderCallRecord, 'seq' | 'at'>): Promise<void> {
    return this.servers.recordProviderCall(call);
  }

  listProviderCalls(infra: string, server?: string): Promise<ProviderCallRecord[]> {
    return this.servers.listProviderCalls(infra, server);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** A lock is stale when its lease ran out, or its holder ran on this machine and that process is gone. */
function isStale(lock: LockRow, now: number): boolean {
  return lock.expires_at <= now || (lock.hostname === hostname() && !processAlive(lock.pid));
}

function runId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

function toRun(item: RunRow): RunRecord {
  return {
    id: item.id,
    infra: item.infra,
    command: item.command,
    status: item.status,
    startedAt: new Date(item.started_at),
    ...(item.finished_at !== null ? { finishedAt: new Date(item.finished_at) } : {}),
    ...(item.actor ? { actor: item.actor } : {}),
  };
}

function toLock(item: LockRow): LockRecord {
  return {
    id: item.id,
    infra: item.infra,
    pid: item.pid,
    hostname: item.hostname,
    command: item.command,
    acquiredAt: new Date(item.acquired_at),
    expiresAt: new Date(item.expires_at),
  };
}

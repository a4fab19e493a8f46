import type { ProviderCallRecord, ServerRecord, ServerRecordStore } from '../server-records';
import { immediate, prepared, row, type SqliteDatabase } from './database';

type ServerRow = {
  infra: string;
  name: string;
  provider: string;
  client_token: string;
  provider_id: string | null;
  status: ServerRecord['status'];
  address: string | null;
  port: number | null;
  user: string | null;
  zone: string | null;
  plan: string | null;
  image: string | null;
  host_keys: string;
  error: string | null;
  created_at: number;
  updated_at: number;
};

/** The provider_servers and provider_calls tables of the SQLite state store. */
export class SqliteServerRecords implements ServerRecordStore {
  constructor(private readonly db: SqliteDatabase) {}

  async putServer(record: Omit<ServerRecord, 'createdAt' | 'updatedAt'>): Promise<ServerRecord> {
    return immediate(this.db, () => {
      const now = Date.now();
      prepared(
        this.db,
        `INSERT INTO provider_servers (infra, name, provider, client_token, provider_id, status, address, port, user, zone, plan, image, host_keys, error, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (infra, name) DO UPDATE SET provider = excluded.provider, client_token = excluded.client_token,
             provider_id = excluded.provider_id, status = excluded.status, address = excluded.address, port = excluded.port,
             user = excluded.user, zone = excluded.zone, plan = excluded.plan, image = excluded.image,
             host_keys = excluded.host_keys, error = excluded.error, updated_at = excluded.updated_at`,
      ).run(
        record.infra,
        record.name,
        record.provider,
        record.clientToken,
        record.providerId ?? null,
        record.status,
        record.address ?? null,
        record.port ?? null,
        record.user ?? null,
        record.zone ?? null,
        record.plan ?? null,
        record.image ?? null,
        JSON.stringify(record.hostKeys),
        record.error ?? null,
        now,
        now,
      );
      return toRecord(
        row<ServerRow>(
          prepared(this.db, 'SELECT * FROM provider_servers WHERE infra = ? AND name = ?').get(
            record.infra,
            record.name,
          ),
        ) as ServerRow,
      );
    });
  }

  async getServer(infra: string, name: string): Promise<ServerRecord | undefined> {
    const found = row<ServerRow>(
      prepared(this.db, 'SELECT * FROM provider_servers WHERE infra = ? AND name = ?').get(infra, name),
    );
    return found && toRecord(found);
  }

  async listServers(infra: string): Promise<ServerRecord[]> {
    return (
      prepared(this.db, 'SELECT * FROM provider_servers WHERE infra = ? ORDER BY name').all(
        infra,
      ) as ServerRow[]
    ).map(toRecord);
  }

  async removeServer(infra: string, name: string): Promise<void> {
    prepared(this.db, 'DELETE FROM provider_servers WHERE infra = ? AND name = ?').run(infra, name);
  }

  async recordProviderCall(call: Omit<ProviderCallRecord, 'seq' | 'at'>): Promise<void> {
    prepared(
      this.db,
      'INSERT INTO provider_calls (at, infra, server, provider, call, phase, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(Date.now(), call.infra, call.server, call.provider, call.call, call.phase, call.detail ?? null);
  }

  async listProviderCalls(infra: string, server?: string): Promise<ProviderCallRecord[]> {
    const rows = prepared(
      this.db,
      'SELECT * FROM provider_calls WHERE infra = ? AND (? IS NULL OR server = ?) ORDER BY seq',
    ).all(infra, server ?? null, server ?? null) as Array<
      Omit<ProviderCallRecord, 'at' | 'detail'> & { at: number; detail: string | null }
    >;
    return rows.map(({ at, detail, seq, infra: rowInfra, server: rowServer, provider, call, phase }) => ({
      seq,
      at: new Date(at),
      infra: rowInfra,
      server: rowServer,
      provider,
      call,
      phase,
      ...(detail !== null ? { detail } : {}),
    }));
  }
}

function toRecord(item: ServerRow): ServerRecord {
  return {
    infra: item.infra,
    name: item.name,
    provider: item.provider,
    clientToken: item.client_token,
    status: item.status,
    hostKeys: JSON.parse(item.host_keys) as string[],
    createdAt: new Date(item.created_at),
    updatedAt: new Date(item.updated_at),
    ...(item.provider_id !== null ? { providerId: item.provider_id } : {}),
    ...(item.address !== null ? { address: item.address } : {}),
    ...(item.port !== null ? { port: item.port } : {}),
    ...(item.user !== null ? { user: item.user } : {}),
    ...(item.zone !== null ? { zone: item.zone } : {}),
    ...(item.plan !== null ? { plan: item.plan } : {}),
    ...(item.image !== null ? { image: item.image } : {}),
    ...(item.error !== null ? { error: item.error } : {}),
  };
}

/** Migration: provider-created servers and the journal of provider calls (server-records.ts). */
export const SERVER_RECORDS_MIGRATION = `CREATE TABLE provider_servers (
     infra TEXT NOT NULL,
     name TEXT NOT NULL,
     provider TEXT NOT NULL,
     client_token TEXT NOT NULL,
     provider_id TEXT,
     status TEXT NOT NULL CHECK (status IN ('creating', 'created', 'deleting')),
     address TEXT,
     port INTEGER,
     user TEXT,
     zone TEXT,
     plan TEXT,
     image TEXT,
     host_keys TEXT NOT NULL,
     error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (infra, name)
   );
   CREATE TABLE provider_calls (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     infra TEXT NOT NULL,
     server TEXT NOT NULL,
     provider TEXT NOT NULL,
     call TEXT NOT NULL,
     phase TEXT NOT NULL CHECK (phase IN ('started', 'finished', 'failed')),
     detail TEXT
   );
   CREATE INDEX provider_calls_by_server ON provider_calls (infra, server, seq);`;

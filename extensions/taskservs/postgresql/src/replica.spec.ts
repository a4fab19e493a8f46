import { type InfraView, TaskservParamsError } from '@provisioning/sdk';
import { operationById, resolveOperations } from '@provisioning/sdk/testing';
import { postgresql, POSTGRESQL_OPERATION_IDS as ids } from './postgresql';
import { pgpassLine } from './replica';

const pg = { name: 'postgresql', taskserv: 'postgresql' };
const infra: InfraView = {
  name: 'prod',
  server: 'db-2',
  servers: [
    { name: 'db-1', address: '10.0.0.1', labels: {}, taskservs: [pg] },
    { name: 'db-2', address: '10.0.0.2', labels: {}, taskservs: [pg] },
  ],
};
const replicaOf = { server: 'db-1', password: 's3cr:et\\x' };
const resolve = (params: object, action: 'install' | 'remove' = 'install', view: InfraView | null = infra) =>
  resolveOperations(postgresql, params, { action, ...(view ? { infra: view } : {}) });

describe('postgresql replica', () => {
  it('writes the passfile and clones once, after the server is up and before pg_hba is reloaded', () => {
    const operations = resolve({ replica_of: replicaOf });
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.dropIn,
      ids.hba,
      ids.service,
      ids.roleHelper,
      ids.replicationPassfile,
      ids.replicaClone,
      ids.reloadHba,
    ]);
    const clone = operationById(operations, ids.replicaClone, 'shell');
    expect(clone.unless).toBe('test -f /var/lib/postgresql/15/main/standby.signal');
    expect(clone.command).toContain(
      "/usr/lib/postgresql/15/bin/pg_basebackup '--dbname=host=10.0.0.1 port=5432 user=replicator passfile=/etc/postgresql/15/main/replication.pgpass'",
    );
    // The old data directory is moved aside, never deleted.
    expect(clone.command).not.toMatch(/rm -/);
    expect(clone.command).toContain(
      'mv /var/lib/postgresql/15/main /var/lib/postgresql/15/main.before-replica-',
    );
  });

  it("finds the primary's address in the infra and names itself to it; the password stays out of the config", () => {
    const operations = resolve({ replica_of: replicaOf });
    const dropIn = operationById(operations, ids.dropIn, 'file').content ?? '';
    expect(dropIn).toContain(
      "primary_conninfo = 'host=10.0.0.1 port=5432 user=replicator passfile=/etc/postgresql/15/main/replication.pgpass application_name=db-2'",
    );
    expect(dropIn).not.toContain('s3cr');
    const passfile = operationById(operations, ids.replicationPassfile, 'file');
    expect(passfile).toMatchObject({ mode: '0600', owner: 'postgres', sensitive: true });
    expect(passfile.content).toBe('10.0.0.1:5432:replication:replicator:s3cr\\:et\\\\x\n');
  });

  it('escapes colons and backslashes in every passfile field', () => {
    expect(pgpassLine('fd00::1', { server: 'x', port: 5433, user: 'rep', password: 'a:b\\c' })).toBe(
      'fd00\\:\\:1:5433:replication:rep:a\\:b\\\\c\n',
    );
  });

  it('refuses a primary the infra does not have, roles or databases on a replica, and a run without the infra view', () => {
    expect(() => resolve({ replica_of: { ...replicaOf, server: 'db-9' } })).toThrow(
      /infra "prod" has no server "db-9"[\s\S]*servers: db-1, db-2/,
    );
    expect(() => resolve({ replica_of: replicaOf, roles: [{ name: 'app' }] })).toThrow(TaskservParamsError);
    expect(() => resolve({ replica_of: replicaOf, roles: [{ name: 'app' }] })).toThrow(
      /roles: a replica is read-only/,
    );
    expect(() => resolve({ replica_of: replicaOf }, 'install', null)).toThrow(/needs the infra's servers/);
  });

  it('a primary needs no infra view, and its operations are unchanged by the replica role', () => {
    expect(resolve({}, 'install', null)).toEqual(resolve({}));
  });

  it('removes the passfile with the package, keeping the data', () => {
    expect(resolve({ replica_of: replicaOf }, 'remove').map((operation) => operation.id)).toEqual([
      ids.package,
      'absent:postgresql-drop-in',
      'absent:postgresql-role-helper',
      'absent:postgresql-hba-stamp',
      'absent:postgresql-replication-passfile',
    ]);
  });
});

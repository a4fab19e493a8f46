import { execFileSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { postgresql, POSTGRESQL_OPERATION_IDS as ids } from './postgresql';
import { ROLE_HELPER } from './role-helper';

const app = { name: 'app', password: 'pa\'ss"w$rd' };

describe('postgresql install', () => {
  it('installs the distribution version, writes the drop-in and pg_hba.conf, keeps the service up, reloads pg_hba last', () => {
    const operations = resolveOperations(postgresql, {});
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.dropIn,
      ids.hba,
      ids.service,
      ids.roleHelper,
      ids.reloadHba,
    ]);
    expect(operationById(operations, ids.package, 'package').names).toEqual(['postgresql-15']);
    expect(operationById(operations, ids.dropIn, 'file').path).toBe(
      '/etc/postgresql/15/main/conf.d/50-provisioning.conf',
    );
    expect(operationById(operations, ids.service, 'service')).toMatchObject({
      name: 'postgresql',
      enabled: true,
      state: 'started',
      restartOn: [ids.dropIn],
    });
  });

  it('follows the distribution release, and an explicit version wins', () => {
    const packageOf = (params: object, host: object) =>
      operationById(resolveOperations(postgresql, params, { host }), ids.package, 'package').names;
    expect(packageOf({}, { osId: 'ubuntu', osVersion: '24.04' })).toEqual(['postgresql-16']);
    expect(packageOf({ version: '16' }, {})).toEqual(['postgresql-16']);
    expect(() => resolveOperations(postgresql, {}, { host: { osId: 'debian', osVersion: '9' } })).toThrow(
      /set params.version/,
    );
  });

  it('writes settings in postgresql.conf syntax: sizes bare, strings quoted with doubled quotes, booleans on/off', () => {
    const params = {
      listen_addresses: ['127.0.0.1', '10.0.0.5'],
      settings: { log_line_prefix: "%m '%u' ", logging_collector: true, max_wal_size: 2048 },
    };
    const content = operationById(resolveOperations(postgresql, params), ids.dropIn, 'file')
      .content?.split('\n')
      .slice(1);
    expect(content).toEqual([
      "listen_addresses = '127.0.0.1,10.0.0.5'",
      'port = 5432',
      'max_connections = 100',
      "shared_buffers = '128MB'",
      "effective_cache_size = '4GB'",
      "work_mem = '4MB'",
      "maintenance_work_mem = '64MB'",
      "log_line_prefix = '%m ''%u'' '",
      'logging_collector = on',
      'max_wal_size = 2048',
      '',
    ]);
  });

  it("puts the superuser's peer rule first, then the rules in order (Debian's by default)", () => {
    const hba = (params: object) =>
      operationById(resolveOperations(postgresql, params), ids.hba, 'file').content?.split('\n').slice(2, -1);
    expect(
      hba({
        pg_hba: [
          {
            type: 'hostssl',
            database: 'app,reports',
            user: '+staff',
            address: '10.1.0.0/16',
            method: 'scram-sha-256',
          },
        ],
      }),
    ).toEqual(['local\tall\tpostgres\tpeer', 'hostssl\tapp,reports\t+staff\t10.1.0.0/16\tscram-sha-256']);
    expect(hba({})).toHaveLength(7);
    expect(hba({})?.[2]).toBe('host\tall\tall\t127.0.0.1/32\tscram-sha-256');
  });

  it('keeps a role through the helper, the password only in the environment (never on a command line)', () => {
    const role = operationById(
      resolveOperations(postgresql, {
        roles: [app, { name: 'ops', login: false, superuser: true, connection_limit: 5 }],
      }),
      ids.role('app'),
      'shell',
    );
    expect(role.command).toBe('/usr/local/sbin/provisioning-postgresql-role apply app t f f f f -1');
    expect(role.unless).toBe('/usr/local/sbin/provisioning-postgresql-role check app t f f f f -1');
    expect(role.env).toEqual({ PGROLE_PASSWORD: app.password });
    const ops = operationById(
      resolveOperations(postgresql, {
        roles: [{ name: 'ops', login: false, superuser: true, connection_limit: 5 }],
      }),
      ids.role('ops'),
      'shell',
    );
    expect(ops.command).toBe('/usr/local/sbin/provisioning-postgresql-role apply ops f t f f f 5');
    expect(ops.env).toBeUndefined();
  });

  it('creates a database from template0 with its owner, or hands an existing one to the owner', () => {
    const database = operationById(
      resolveOperations(postgresql, { roles: [app], databases: [{ name: 'appdb', owner: 'app' }] }),
      ids.database('appdb'),
      'shell',
    );
    expect(database.command).toContain('createdb --owner=app --encoding=UTF8 --template=template0 appdb');
    expect(database.command).toContain('ALTER DATABASE "appdb" OWNER TO "app"');
    expect(database.after).toBeUndefined();
  });
});

describe('postgresql remove', () => {
  it('removes the server package and the drop-in, and keeps the data and pg_hba.conf', () => {
    const operations = resolveOperations(postgresql, {}, { action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      'absent:postgresql-drop-in',
      'absent:postgresql-role-helper',
      'absent:postgresql-hba-stamp',
    ]);
    expect(
      operations.some((operation) => 'path' in operation && operation.path.startsWith('/var/lib/postgresql')),
    ).toBe(false);
  });
});

describe('postgresql params', () => {
  it.each([
    ['listen_addresses', { listen_addresses: ['0.0.0.0; drop'] }],
    ['shared_buffers', { shared_buffers: '1G' }],
    ['pg_hba.0.address', { pg_hba: [{ type: 'host', method: 'trust' }] }],
    ['pg_hba.0.address', { pg_hba: [{ type: 'local', address: '10.0.0.0/8', method: 'peer' }] }],
    ['pg_hba.0.method', { pg_hba: [{ type: 'local', method: 'none' }] }],
    ['roles.0.name', { roles: [{ name: 'Robert"); DROP' }] }],
    ['roles.0.name', { roles: [{ name: 'postgres' }] }],
    ['roles.0.password', { roles: [{ name: 'app', password: 'a\nb' }] }],
    ['roles', { roles: [{ name: 'app' }, { name: 'app' }] }],
    ['databases.0.owner', { databases: [{ name: 'appdb', owner: 'nobody' }] }],
    ['settings.port', { settings: { port: 5433 } }],
    ['settings', { settings: { 'bad name': 1 } }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(postgresql, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(postgresql, params)).toThrow(new RegExp(`${field.replace(/\./g, '\\.')}`));
  });

  it('never puts a password into the error it raises', () => {
    expect(() => resolveOperations(postgresql, { roles: [{ name: 'app', password: 'hunter2\n' }] })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});

describe('postgresql: changing one param changes exactly the expected operations', () => {
  it.each([
    ['work_mem', { work_mem: '64MB' }, [ids.dropIn]],
    ['listen_addresses', { listen_addresses: ['*'] }, [ids.dropIn]],
    ['pg_hba', { pg_hba: [] }, [ids.hba]],
    ['a role password', { roles: [{ ...app, password: 'other' }] }, [ids.role('app')]],
  ])('%s', (_param, change, expected) => {
    const before = resolveOperations(postgresql, { roles: [app] });
    const after = resolveOperations(postgresql, { roles: [app], ...change });
    expect(changedOperationIds(before, after)).toEqual(expected);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    const params = { roles: [app], databases: [{ name: 'appdb', owner: 'app' }] };
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(postgresql, params, { action }))).toEqual([]);
  });
});

describe('the role helper', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-role-helper-'));
  const helper = join(dir, 'helper.pl');
  writeFileSync(helper, ROLE_HELPER);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('computes the SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802/7677 key derivation)', () => {
    const salt = Buffer.from('0123456789abcdef');
    const password = 'pencil ünïcode';
    const salted = pbkdf2Sync(password, salt, 4096, 32, 'sha256');
    const stored = createHash('sha256')
      .update(createHmac('sha256', salted).update('Client Key').digest())
      .digest('base64');
    const server = createHmac('sha256', salted).update('Server Key').digest('base64');
    const output = execFileSync('perl', [helper, 'verifier', salt.toString('base64'), '4096'], {
      env: { PGROLE_PASSWORD: password },
      encoding: 'utf8',
    });
    expect(output.trim()).toBe(`SCRAM-SHA-256$4096:${salt.toString('base64')}$${stored}:${server}`);
  });

  it('refuses a role name that is not a plain identifier before running anything', () => {
    expect(() =>
      execFileSync('perl', [helper, 'check', 'x; drop', 't', 'f', 'f', 'f', 'f', '-1'], { stdio: 'pipe' }),
    ).toThrow(/usage/);
  });
});

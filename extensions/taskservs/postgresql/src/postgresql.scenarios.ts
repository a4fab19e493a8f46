import type { TaskservScenario } from '@provisioning/sdk';

const APP_HBA = {
  type: 'host',
  database: 'appdb',
  user: 'app',
  address: '10.0.0.0/8',
  method: 'scram-sha-256',
};
const common = {
  listen_addresses: ['*'],
  shared_buffers: '64MB',
  work_mem: '8MB',
  settings: { log_min_duration_statement: 500 },
  roles: [
    { name: 'app', password: '{{secret.pg_app_password}}' },
    { name: 'reporting', login: false },
  ],
  databases: [{ name: 'appdb', owner: 'app' }],
};
const superuser = (sql: string) => `runuser -u postgres -- psql -X -A -t -c "${sql}"`;
const asApp = (password: string) =>
  `PGPASSWORD=${password} psql -X -A -t -h 127.0.0.1 -U app -d appdb -c 'SELECT current_user' 2>&1 || true`;

export const postgresqlScenarios: readonly TaskservScenario[] = [
  {
    name: 'postgresql: a role with a password from a secret and its database, then work_mem and a pg_hba rule changed',
    taskserv: 'postgresql',
    description:
      'Raising work_mem rewrites the drop-in and restarts the server once; a new pg_hba rule rewrites pg_hba.conf and reloads it; roles and databases stay unchanged.',
    hosts: 1,
    apply: { params: common, secrets: { pg_app_password: 'scenario-pg-secret' } },
    checks: [
      {
        description: 'app logs in over TCP with its password',
        command: asApp('scenario-pg-secret'),
        expect: 'app',
      },
      {
        description: 'a wrong password is refused',
        command: asApp('wrong'),
        expect: 'password authentication failed for user "app"',
      },
      {
        description: 'appdb is owned by app',
        command: superuser("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'appdb'"),
        expect: 'app',
      },
      {
        description: 'reporting is a group role',
        command: superuser("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'reporting'"),
        expect: 'f',
      },
      { description: 'the drop-in applies', command: superuser('SHOW work_mem'), expect: '8MB' },
      {
        description: 'free-form settings apply',
        command: superuser('SHOW log_min_duration_statement'),
        expect: '500ms',
      },
      {
        description: 'it listens on every interface',
        command: superuser('SHOW listen_addresses'),
        expect: '*',
      },
      {
        description: 'the password is stored as a SCRAM verifier',
        command: superuser("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'app'"),
        expect: 'SCRAM-SHA-256$',
      },
    ],
    change: {
      params: {
        ...common,
        work_mem: '16MB',
        pg_hba: [
          { type: 'local', method: 'peer' },
          { type: 'host', address: '127.0.0.1/32', method: 'scram-sha-256' },
          APP_HBA,
        ],
      },
      changes: [
        'file:postgresql-drop-in',
        'service:postgresql',
        'file:postgresql-hba',
        'shell:postgresql-reload-hba',
      ],
    },
    removed: [
      {
        description: 'the server package is removed',
        command: "dpkg-query -W -f='${Status}' postgresql-15 2>&1 || true",
        expect: 'deinstall',
      },
      {
        description: 'the data directory is kept',
        command: 'test -f /var/lib/postgresql/15/main/PG_VERSION && echo kept',
        expect: 'kept',
      },
      { description: 'nothing listens on 5432', command: 'ss -ltn | grep -c ":5432 " || true', expect: '0' },
    ],
  },
];

const replicationHba = [
  { type: 'local', method: 'peer' },
  { type: 'host', address: '127.0.0.1/32', method: 'scram-sha-256' },
  { type: 'host', database: 'replication', user: 'replicator', address: 'samenet', method: 'scram-sha-256' },
];
const REPLICATION_SECRET = '{{secret.pg_replication_password}}';
const NOTE = 'written on the primary';

export const postgresqlReplicaScenarios: readonly TaskservScenario[] = [
  {
    name: 'postgresql: a streaming replica cloned from its primary, found through the infra, then a replica setting changed',
    taskserv: 'postgresql',
    description:
      'The replica reads its primary’s address from the infra view, clones it with pg_basebackup as the replication role whose password is a secret, and streams from it; a row written on the primary is read on the replica. A new setting on the replica rewrites its drop-in and restarts it once.',
    hosts: 2,
    roles: [
      {
        name: 'primary',
        hosts: [1],
        params: {
          pg_hba: replicationHba,
          roles: [{ name: 'replicator', replication: true, password: REPLICATION_SECRET }],
        },
      },
      {
        name: 'replica',
        hosts: [2],
        params: { replica_of: { server: '${server:1}', password: REPLICATION_SECRET } },
      },
    ],
    apply: {
      params: { listen_addresses: ['*'] },
      secrets: { pg_replication_password: 'scenario:replication\\secret' },
    },
    checks: [
      {
        description: 'a row is written on the primary',
        command: superuser(
          `CREATE TABLE IF NOT EXISTS scenario_replication (note text); INSERT INTO scenario_replication VALUES ('${NOTE}') RETURNING note`,
        ),
        expect: NOTE,
        role: 'primary',
      },
      {
        description: 'and read on the replica',
        command: superuser('SELECT DISTINCT note FROM scenario_replication'),
        expect: NOTE,
        role: 'replica',
      },
      {
        description: 'the replica is a hot standby',
        command: superuser('SELECT pg_is_in_recovery()'),
        expect: 't',
        role: 'replica',
      },
      {
        description: 'the primary streams to the replica, which it knows by its server name',
        command: superuser('SELECT application_name, state FROM pg_stat_replication'),
        expect: '${server:2}|streaming',
        role: 'primary',
      },
      {
        description: 'the replication password is in the passfile only PostgreSQL reads',
        command: 'stat -c %U:%a /etc/postgresql/15/main/replication.pgpass',
        expect: 'postgres:600',
        role: 'replica',
      },
    ],
    change: {
      params: { listen_addresses: ['*'], settings: { hot_standby_feedback: true } },
      role: 'replica',
      changes: ['file:postgresql-drop-in', 'service:postgresql'],
    },
    removed: [
      {
        description: 'the server package is removed',
        command: "dpkg-query -W -f='${Status}' postgresql-15 2>&1 || true",
        expect: 'deinstall',
        role: 'replica',
      },
      {
        description: 'the passfile is gone',
        command: 'test ! -e /etc/postgresql/15/main/replication.pgpass && echo gone',
        expect: 'gone',
        role: 'replica',
      },
    ],
  },
];

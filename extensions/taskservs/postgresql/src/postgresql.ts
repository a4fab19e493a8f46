import {
  absent,
  command,
  defineTaskserv,
  DefinitionError,
  file,
  pkg,
  quote,
  service,
  shell,
} from '@provisioning/sdk';
import type { HostFacts, Operation } from '@provisioning/sdk';
import type { PostgresqlParams, RoleParams } from './params';
import { postgresqlParams } from './params';
import { pgHba, postgresqlDropIn } from './postgresql-conf';
import {
  passfilePath,
  primaryAddress,
  primaryConninfo,
  REPLICA_OPERATION_IDS,
  replicaOperations,
} from './replica';
import { ROLE_HELPER, ROLE_HELPER_PATH } from './role-helper';

/** The major version each distribution release ships (Debian's postgresql metapackage). */
const DISTRIBUTION_VERSIONS: Record<string, string> = {
  'debian 11': '13',
  'debian 12': '15',
  'debian 13': '17',
  'ubuntu 22.04': '14',
  'ubuntu 24.04': '16',
};

export function postgresqlVersion(params: PostgresqlParams, host: HostFacts): string {
  if (params.version) return params.version;
  const version = DISTRIBUTION_VERSIONS[`${host.osId} ${host.osVersion}`];
  if (!version) {
    throw new DefinitionError(
      `taskserv postgresql on ${host.hostname}: no known PostgreSQL version for ${host.osId} ${host.osVersion}`,
      ['set params.version to the major version the distribution ships (apt-cache policy postgresql)'],
    );
  }
  return version;
}

export const configDir = (version: string, cluster: string) => `/etc/postgresql/${version}/${cluster}`;
/** `PGROLE_PASSWORD` is what the role helper reads; the engine masks the value in every output. */
const roleEnv = (role: RoleParams) =>
  role.password === undefined ? {} : { env: { PGROLE_PASSWORD: role.password } };
const flag = (value: boolean) => (value ? 't' : 'f');
const psql = (sql: string) =>
  `runuser -u postgres -- psql -X -A -t -q -v ON_ERROR_STOP=1 -d postgres -c ${quote(sql)}`;

export const POSTGRESQL_OPERATION_IDS = {
  package: 'package:postgresql',
  dropIn: 'file:postgresql-drop-in',
  hba: 'file:postgresql-hba',
  service: 'service:postgresql',
  roleHelper: 'file:postgresql-role-helper',
  role: (name: string) => `shell:postgresql-role-${name}`,
  database: (name: string) => `shell:postgresql-database-${name}`,
  reloadHba: 'shell:postgresql-reload-hba',
  replicationPassfile: REPLICA_OPERATION_IDS.passfile,
  replicaClone: REPLICA_OPERATION_IDS.clone,
} as const;
const ids = POSTGRESQL_OPERATION_IDS;

/** pg_hba.conf as of the last reload; reload when the file differs (a restart also re-reads it). */
const hbaStamp = (version: string, cluster: string) =>
  `/var/lib/provisioning/postgresql/${version}-${cluster}.pg_hba.sha256`;

function roleOperation(role: RoleParams): Operation {
  const args = [
    role.name,
    flag(role.login),
    flag(role.superuser),
    flag(role.createdb),
    flag(role.createrole),
    flag(role.replication),
    String(role.connection_limit),
  ];
  return shell({
    id: ids.role(role.name),
    description: `create or update role ${role.name}`,
    command: command(ROLE_HELPER_PATH, 'apply', ...args),
    unless: command(ROLE_HELPER_PATH, 'check', ...args),
    ...roleEnv(role),
    // No `after` on the service: a restart for a setting must not make every role "known after apply".
    after: [ids.roleHelper],
  });
}

function databaseOperation(database: PostgresqlParams['databases'][number]): Operation {
  const exists = `${psql(`SELECT 1 FROM pg_database WHERE datname = '${database.name}'`)} | grep -qx 1`;
  const create = command(
    'runuser',
    '-u',
    'postgres',
    '--',
    'createdb',
    `--owner=${database.owner}`,
    `--encoding=${database.encoding}`,
    '--template=template0',
    database.name,
  );
  return shell({
    id: ids.database(database.name),
    description: `create database ${database.name} owned by ${database.owner}`,
    command: `if ${exists}; then ${psql(`ALTER DATABASE "${database.name}" OWNER TO "${database.owner}"`)}; else ${create}; fi`,
    unless: `test "$(${psql(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${database.name}'`)})" = ${quote(database.owner)}`,
  });
}

/**
 * The distribution's PostgreSQL server with its package-made cluster: a conf.d drop-in for the
 * settings (a change restarts the server), pg_hba.conf written whole from rules (a change only
 * reloads it), and roles and databases kept as declared through the postgres superuser's peer login.
 */
export const postgresql = defineTaskserv({
  name: 'postgresql',
  version: '0.1.0',
  description:
    'PostgreSQL from the distribution: listen addresses, pg_hba rules as data, roles and databases with passwords from secrets, memory settings, streaming replicas of a primary in the infra.',
  params: postgresqlParams,
  install: ({ params, host, infra }) => {
    const version = postgresqlVersion(params, host);
    const dir = configDir(version, params.cluster);
    const afterPackage = { after: [ids.package] };
    const roles = params.roles.map(roleOperation);
    const stamp = hbaStamp(version, params.cluster);
    const primary = params.replica_of ? primaryAddress({ infra, host }, params.replica_of) : undefined;
    const replica =
      params.replica_of && primary
        ? replicaOperations(version, params.cluster, dir, primary.address, params.replica_of, {
            package: ids.package,
          })
        : [];
    return [
      pkg({ id: ids.package, names: [`postgresql-${version}`] }),
      file({
        id: ids.dropIn,
        path: `${dir}/conf.d/50-provisioning.conf`,
        content: postgresqlDropIn(
          params,
          params.replica_of && primary
            ? primaryConninfo(primary.address, params.replica_of, dir, primary.server)
            : undefined,
        ),
        mode: '0644',
        owner: 'postgres',
        group: 'postgres',
        ...afterPackage,
      }),
      file({
        id: ids.hba,
        path: `${dir}/pg_hba.conf`,
        content: pgHba(params.pg_hba),
        mode: '0640',
        owner: 'postgres',
        group: 'postgres',
        ...afterPackage,
      }),
      // postgresql.service is the umbrella of every cluster's postgresql@V-NAME unit (PartOf), so
      // restarting it restarts the cluster.
      service({
        id: ids.service,
        name: 'postgresql',
        enabled: true,
        state: 'started',
        restartOn: [ids.dropIn],
        after: [ids.package, ids.dropIn, ids.hba],
      }),
      file({
        id: ids.roleHelper,
        path: ROLE_HELPER_PATH,
        content: ROLE_HELPER,
        mode: '0700',
        owner: 'root',
        group: 'root',
      }),
      ...replica,
      ...roles,
      // Databases come after the roles that own them (operations run in order on the host).
      ...params.databases.map(databaseOperation),
      // Last: a shell operation that changes makes every later operation "known after apply".
      shell({
        id: ids.reloadHba,
        description: `reload PostgreSQL ${version}/${params.cluster} (pg_hba.conf changed since the last reload)`,
        command: `${command('pg_ctlcluster', version, params.cluster, 'reload')} && mkdir -p ${quote('/var/lib/provisioning/postgresql')} && sha256sum < ${quote(`${dir}/pg_hba.conf`)} > ${quote(stamp)}`,
        unless: `test "$(sha256sum < ${quote(`${dir}/pg_hba.conf`)})" = "$(cat ${quote(stamp)} 2>/dev/null)"`,
        // Not after the service: a restart for a setting re-reads pg_hba.conf without changing the
        // stamp, so the reload is planned from facts rather than "known after apply" (it runs last anyway).
        after: [ids.hba],
      }),
    ];
  },
  // The cluster's data and configuration stay (as with `apt-get remove`): removing a database
  // server must never delete its data. The next install starts the same cluster again.
  remove: ({ params, host }) => {
    const version = postgresqlVersion(params, host);
    const dir = configDir(version, params.cluster);
    return [
      pkg({ id: ids.package, names: [`postgresql-${version}`], state: 'absent' }),
      absent({
        id: 'absent:postgresql-drop-in',
        path: `${dir}/conf.d/50-provisioning.conf`,
        after: [ids.package],
      }),
      absent({ id: 'absent:postgresql-role-helper', path: ROLE_HELPER_PATH }),
      absent({ id: 'absent:postgresql-hba-stamp', path: hbaStamp(version, params.cluster) }),
      ...(params.replica_of
        ? [absent({ id: 'absent:postgresql-replication-passfile', path: passfilePath(dir) })]
        : []),
    ];
  },
  outputs: {
    version: { command: psql('SHOW server_version') },
  },
});

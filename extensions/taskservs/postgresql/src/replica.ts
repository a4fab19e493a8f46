import {
  command,
  type InfraView,
  type Operation,
  quote,
  requireInfraView,
  serverAddress,
  shell,
  file,
} from '@provisioning/sdk';
import type { ReplicaOfParams } from './params';

/** Where a replica keeps the replication password: read by libpq (pg_basebackup, the WAL receiver) only. */
export const passfilePath = (configDir: string) => `${configDir}/replication.pgpass`;
export const dataDir = (version: string, cluster: string) => `/var/lib/postgresql/${version}/${cluster}`;

export const REPLICA_OPERATION_IDS = {
  passfile: 'file:postgresql-replication-passfile',
  clone: 'shell:postgresql-replica-clone',
} as const;

/** One .pgpass line for replication connections; `:` and `\` in a field are escaped with `\`. */
export function pgpassLine(host: string, replica: ReplicaOfParams): string {
  const field = (value: string) => value.replace(/[\\:]/g, (c) => `\\${c}`);
  return `${[host, String(replica.port), 'replication', replica.user, replica.password].map(field).join(':')}\n`;
}

/** The primary, as the replica's `primary_conninfo` names it (no password: that is in the passfile). */
export function primaryConninfo(
  host: string,
  replica: ReplicaOfParams,
  configDir: string,
  name: string,
): string {
  return `host=${host} port=${replica.port} user=${replica.user} passfile=${passfilePath(configDir)} application_name=${name}`;
}

export function primaryAddress(
  ctx: { infra?: InfraView; host: { hostname: string } },
  replica: ReplicaOfParams,
): {
  address: string;
  server: string;
} {
  const infra = requireInfraView(ctx, 'postgresql');
  return { address: serverAddress(infra, replica.server, 'postgresql'), server: infra.server };
}

/**
 * The passfile, then a one-time clone: when the cluster is not a standby yet, it is stopped, its
 * data directory moved aside (never deleted), the primary's copied with pg_basebackup (streaming
 * the WAL it needs) and started as a hot standby that follows the primary.
 */
export function replicaOperations(
  version: string,
  cluster: string,
  configDir: string,
  address: string,
  replica: ReplicaOfParams,
  after: { package: string },
): Operation[] {
  const data = dataDir(version, cluster);
  const unit = `postgresql@${version}-${cluster}`;
  const passfile = passfilePath(configDir);
  const basebackup = command(
    'runuser',
    '-u',
    'postgres',
    '--',
    `/usr/lib/postgresql/${version}/bin/pg_basebackup`,
    `--dbname=host=${address} port=${replica.port} user=${replica.user} passfile=${passfile}`,
    `--pgdata=${data}`,
    '--wal-method=stream',
    '--checkpoint=fast',
    '--no-password',
  );
  return [
    file({
      id: REPLICA_OPERATION_IDS.passfile,
      path: passfile,
      content: pgpassLine(address, replica),
      mode: '0600',
      owner: 'postgres',
      group: 'postgres',
      sensitive: true,
      after: [after.package],
    }),
    shell({
      id: REPLICA_OPERATION_IDS.clone,
      description: `clone ${version}/${cluster} from the primary ${replica.server} (${address}) and start it as its standby`,
      command: [
        command('systemctl', 'stop', unit),
        `if [ -d ${quote(data)} ]; then mv ${quote(data)} ${quote(data)}.before-replica-$(date +%Y%m%d%H%M%S); fi`,
        basebackup,
        command('runuser', '-u', 'postgres', '--', 'touch', `${data}/standby.signal`),
        command('systemctl', 'start', unit),
      ].join(' && '),
      unless: command('test', '-f', `${data}/standby.signal`),
      // Only after the package: a restart for a setting must not make the clone "known after apply"
      // (it runs after the service operation anyway: operations run in order on the host).
      after: [after.package],
    }),
  ];
}

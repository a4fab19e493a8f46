import { z } from 'zod';

/** Role and database names: plain SQL identifiers, so no quoting is ever needed in SQL or shell. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const IDENTIFIER_MESSAGE =
  'must be a lowercase SQL identifier: letters, digits and underscores, up to 63 characters';
const SIZE = /^[0-9]+(kB|MB|GB|TB)$/;
const SIZE_MESSAGE = 'must be a PostgreSQL size such as 128MB or 4GB (units kB, MB, GB, TB)';
const LISTEN_ADDRESS = /^(\*|localhost|[0-9A-Fa-f:.]+|[A-Za-z0-9][A-Za-z0-9.-]*)$/;
const HBA_NAMES =
  /^(all|sameuser|samerole|replication|\+?[a-z_][a-z0-9_]{0,62})(,(\+?[a-z_][a-z0-9_]{0,62}))*$/;
const CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}\/[0-9]{1,2}|[0-9A-Fa-f:]+\/[0-9]{1,3}|all|samehost|samenet)$/;
const SETTING_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = new RegExp('^[^\\u0000-\\u001f\\u007f]+$');

export const HBA_METHODS = [
  'scram-sha-256',
  'md5',
  'peer',
  'ident',
  'trust',
  'reject',
  'cert',
  'password',
] as const;

export const hbaRule = z
  .strictObject({
    type: z
      .enum(['local', 'host', 'hostssl', 'hostnossl'])
      .describe('local (Unix socket) or host/hostssl/hostnossl (TCP).'),
    database: z
      .string()
      .regex(HBA_NAMES, 'must be all, replication, or database names separated by commas')
      .default('all')
      .describe('Databases the rule matches.'),
    user: z
      .string()
      .regex(HBA_NAMES, 'must be all, or role names (+group) separated by commas')
      .default('all')
      .describe('Roles the rule matches.'),
    address: z
      .string()
      .regex(CIDR, 'must be a CIDR such as 10.0.0.0/8 or ::1/128, or all, samehost, samenet')
      .optional()
      .describe('Client addresses (TCP rules only).'),
    method: z.enum(HBA_METHODS).describe('Authentication method.'),
  })
  .refine((rule) => (rule.type === 'local') === (rule.address === undefined), {
    message: 'local rules take no address; host, hostssl and hostnossl rules need one',
    path: ['address'],
  });

export type HbaRule = z.output<typeof hbaRule>;

/** Debian's own pg_hba.conf rules (after the postgres superuser's peer rule, which is always first). */
export const DEFAULT_HBA: HbaRule[] = [
  { type: 'local', database: 'all', user: 'all', method: 'peer' },
  { type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' },
  { type: 'host', database: 'all', user: 'all', address: '::1/128', method: 'scram-sha-256' },
  { type: 'local', database: 'replication', user: 'all', method: 'peer' },
  { type: 'host', database: 'replication', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' },
  { type: 'host', database: 'replication', user: 'all', address: '::1/128', method: 'scram-sha-256' },
];

export const roleParams = z.strictObject({
  name: z
    .string()
    .regex(IDENTIFIER, IDENTIFIER_MESSAGE)
    .refine((name) => name !== 'postgres' && !name.startsWith('pg_'), 'postgres and pg_* roles are reserved')
    .describe('Role name.'),
  password: z
    .string()
    .regex(SINGLE_LINE, 'must be one line of printable characters')
    .optional()
    .describe(
      'Write it as "{{secret.NAME}}". Sent to PostgreSQL only as a SCRAM-SHA-256 verifier; unset means the role has no password.',
    ),
  login: z.boolean().default(true).describe('May log in (a user rather than a group).'),
  superuser: z.boolean().default(false).describe('SUPERUSER.'),
  createdb: z.boolean().default(false).describe('CREATEDB.'),
  createrole: z.boolean().default(false).describe('CREATEROLE.'),
  replication: z.boolean().default(false).describe('REPLICATION (for streaming replicas and backup tools).'),
  connection_limit: z.number().int().min(-1).default(-1).describe('CONNECTION LIMIT; -1 means no limit.'),
});

export type RoleParams = z.output<typeof roleParams>;

export const databaseParams = z.strictObject({
  name: z
    .string()
    .regex(IDENTIFIER, IDENTIFIER_MESSAGE)
    .refine(
      (name) => !['postgres', 'template0', 'template1'].includes(name),
      'postgres, template0 and template1 are managed by PostgreSQL',
    )
    .describe('Database name.'),
  owner: z
    .string()
    .regex(IDENTIFIER, IDENTIFIER_MESSAGE)
    .default('postgres')
    .describe('Owning role (one of roles, or postgres).'),
  encoding: z
    .enum(['UTF8', 'SQL_ASCII', 'LATIN1'])
    .default('UTF8')
    .describe('Encoding at creation (created from template0); not changed afterwards.'),
});

export const replicaOfParams = z.strictObject({
  server: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be the name of a server of the infra')
    .describe("The primary's server in the infra; its address comes from the infra."),
  port: z.number().int().min(1).max(65535).default(5432).describe("The primary's port."),
  user: z
    .string()
    .regex(IDENTIFIER, IDENTIFIER_MESSAGE)
    .default('replicator')
    .describe('A role with REPLICATION on the primary (declare it in the primary’s roles).'),
  password: z
    .string()
    .regex(SINGLE_LINE, 'must be one line of printable characters')
    .describe('Write it as "{{secret.NAME}}"; kept on the replica in a 0600 passfile only PostgreSQL reads.'),
});

export type ReplicaOfParams = z.output<typeof replicaOfParams>;

/** Set through their own params (or by this task service), never through `settings`. */
export const MANAGED_SETTINGS = [
  'listen_addresses',
  'port',
  'max_connections',
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'maintenance_work_mem',
  'hba_file',
  'data_directory',
  'primary_conninfo',
];

export const settingValue = z.union([
  z.string().regex(SINGLE_LINE, 'must be one line of printable characters'),
  z.number(),
  z.boolean(),
]);

export const postgresqlParams = z
  .strictObject({
    version: z
      .string()
      .regex(/^[0-9]{2}$/, 'must be a PostgreSQL major version such as 15')
      .optional()
      .describe(
        "Major version; defaults to the distribution's (15 on Debian 12, 13 on Debian 11, 14 on Ubuntu 22.04, 16 on Ubuntu 24.04).",
      ),
    cluster: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/, 'must be a cluster name such as main')
      .default('main')
      .describe('Cluster name (the one the package creates is main).'),
    listen_addresses: z
      .array(z.string().regex(LISTEN_ADDRESS, 'must be an IP address, a host name, localhost or *'))
      .min(1)
      .default(['localhost'])
      .describe('Addresses the server listens on; * for every interface.'),
    port: z.number().int().min(1).max(65535).default(5432).describe('TCP port.'),
    max_connections: z
      .number()
      .int()
      .min(1)
      .max(262143)
      .default(100)
      .describe('max_connections (a change restarts the server).'),
    shared_buffers: z
      .string()
      .regex(SIZE, SIZE_MESSAGE)
      .default('128MB')
      .describe('shared_buffers: about 25% of RAM on a dedicated host (a change restarts the server).'),
    effective_cache_size: z
      .string()
      .regex(SIZE, SIZE_MESSAGE)
      .default('4GB')
      .describe('effective_cache_size: the planner’s guess of OS cache, about 50-75% of RAM.'),
    work_mem: z
      .string()
      .regex(SIZE, SIZE_MESSAGE)
      .default('4MB')
      .describe('work_mem per sort or hash operation.'),
    maintenance_work_mem: z
      .string()
      .regex(SIZE, SIZE_MESSAGE)
      .default('64MB')
      .describe('maintenance_work_mem for VACUUM, CREATE INDEX.'),
    settings: z
      .record(
        z
          .string()
          .regex(SETTING_NAME, 'must be a postgresql.conf setting name such as log_min_duration_statement'),
        settingValue,
      )
      .default({})
      .describe('Further postgresql.conf settings (name: value), written after the ones above.'),
    pg_hba: z
      .array(hbaRule)
      .default(DEFAULT_HBA)
      .describe(
        "pg_hba.conf rules in order, after the postgres superuser's local peer rule (always first: the task service manages roles through it). The default is Debian's.",
      ),
    roles: z
      .array(roleParams)
      .default([])
      .describe(
        'Roles to create and keep as declared (attributes and password); roles not listed are left alone.',
      ),
    databases: z
      .array(databaseParams)
      .default([])
      .describe('Databases to create, and their owner; databases not listed are left alone.'),
    replica_of: replicaOfParams
      .optional()
      .describe(
        'Make this server a streaming replica (hot standby) of a primary: cloned once with pg_basebackup, then following it. Roles and databases come from the primary.',
      ),
  })
  .superRefine((params, ctx) => {
    const roles = new Set(params.roles.map((role) => role.name));
    if (roles.size !== params.roles.length)
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'role names must be unique' });
    if (new Set(params.databases.map((database) => database.name)).size !== params.databases.length) {
      ctx.addIssue({ code: 'custom', path: ['databases'], message: 'database names must be unique' });
    }
    params.databases.forEach((database, index) => {
      if (database.owner !== 'postgres' && !roles.has(database.owner)) {
        ctx.addIssue({
          code: 'custom',
          path: ['databases', index, 'owner'],
          message: `owner "${database.owner}" is not one of roles (or postgres)`,
        });
      }
    });
    if (params.replica_of) {
      for (const field of ['roles', 'databases'] as const) {
        if (params[field].length)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `a replica is read-only: declare ${field} on its primary`,
          });
      }
    }
    for (const name of Object.keys(params.settings)) {
      if (MANAGED_SETTINGS.includes(name))
        ctx.addIssue({
          code: 'custom',
          path: ['settings', name],
          message: `set ${name} through its own param`,
        });
    }
  });

export type PostgresqlParams = z.output<typeof postgresqlParams>;

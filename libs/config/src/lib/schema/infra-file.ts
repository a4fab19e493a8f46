import { z } from 'zod';
import {
  labelsSchema,
  nameListSchema,
  nameSchema,
  paramsSchema,
  portSchema,
  selectorSchema,
  versionRangeSchema,
} from './common';
import { addressSchema, jumpHostSchema, secretReferenceSchema, userSchema } from './connection-fields';
import { settingsFileSchema } from './settings';

export const serverSchema = z.strictObject(
  {
    name: nameSchema.describe('Unique within the infra; taskservs and clusters refer to it.'),
    provider: nameSchema
      .optional()
      .describe(
        'Who creates the server: "static" (default) for a host that already exists; "nspawn" or a cloud provider creates it (provisioning server create).',
      ),
    address: addressSchema
      .optional()
      .describe('Host name or IP to connect to (required for static servers).'),
    port: portSchema.optional().describe('SSH port (default: settings ssh.port).'),
    user: userSchema.optional().describe('SSH login user (default: settings ssh.user).'),
    ssh_key: z
      .string({ error: 'a path to a private key' })
      .optional()
      .describe('Private key file (default: settings ssh.key, else the agent).'),
    ssh_agent: z
      .boolean({ error: 'true or false' })
      .optional()
      .describe('Offer keys from ssh-agent (default: settings ssh.agent).'),
    ssh_password: secretReferenceSchema
      .optional()
      .describe(
        'Password to log in with, as {{secret.NAME}} (default: settings ssh.password; keys are tried first).',
      ),
    sudo: z
      .boolean({ error: 'true or false' })
      .optional()
      .describe('Run every command through sudo (default: settings ssh.sudo).'),
    sudo_password: secretReferenceSchema
      .optional()
      .describe('Password sudo asks for, as {{secret.NAME}} (default: settings ssh.sudo_password).'),
    jump_host: jumpHostSchema
      .optional()
      .describe(
        'Connect through bastions: server names of the infra or [user@]host[:port], comma-separated in ProxyJump order.',
      ),
    labels: labelsSchema
      .optional()
      .describe('Key/value labels that taskservs and cluster roles select servers by.'),
    provider_options: paramsSchema
      .optional()
      .describe("Provider-specific fields (validated by the provider's schema)."),
  },
  { error: 'a server: { name, address, ... }' },
);

export const taskservSchema = z.strictObject(
  {
    name: nameSchema.describe(
      'The entry name, unique within the infra; also the extension it runs unless `taskserv` says otherwise.',
    ),
    taskserv: nameSchema
      .optional()
      .describe(
        'The taskserv extension this entry runs (default: `name`), so one infra can run an extension twice, e.g. k3s as k3s-server and k3s-agent.',
      ),
    version: versionRangeSchema
      .optional()
      .describe('Accepted versions of the taskserv extension, a semver range.'),
    servers: nameListSchema.optional().describe('Servers it runs on, by name.'),
    selector: selectorSchema
      .optional()
      .describe('Servers it runs on, by labels (all must match); adds to `servers`.'),
    params: paramsSchema.optional().describe("Parameters, validated against the taskserv's own schema."),
    depends_on: nameListSchema.optional().describe('Taskservs that must be in place first.'),
  },
  { error: 'a taskserv: { name, servers or selector, params }' },
);

export const clusterRoleSchema = z.strictObject(
  {
    servers: nameListSchema.optional().describe('Servers in this role, by name.'),
    selector: selectorSchema.optional().describe('Servers in this role, by labels; adds to `servers`.'),
    taskservs: nameListSchema
      .optional()
      .describe('Taskservs every server of this role gets (defined under `taskservs:`).'),
  },
  { error: 'a role: { servers or selector, taskservs }' },
);

export const clusterSchema = z.strictObject(
  {
    name: nameSchema.describe('Unique within the infra.'),
    description: z.string({ error: 'a string' }).optional(),
    cluster: nameSchema
      .optional()
      .describe(
        'The cluster extension that builds it (e.g. k3s): role order, health checks, outputs; `provisioning cluster create` needs it.',
      ),
    params: paramsSchema
      .optional()
      .describe('Parameters of the cluster extension, validated by its own schema.'),
    roles: z
      .record(nameSchema, clusterRoleSchema, { error: 'a mapping of role names to roles' })
      .describe('Roles (e.g. control-plane, worker): which servers play them and which taskservs they get.'),
  },
  { error: 'a cluster: { name, roles }' },
);

/**
 * Any file under `infra/<name>/`: an infra is one file or several, each holding any of these
 * sections; lists from several files are concatenated.
 */
export const infraFileSchema = z.strictObject(
  {
    servers: z
      .array(serverSchema, { error: 'a list of servers' })
      .optional()
      .describe('Hosts of this infra.'),
    taskservs: z
      .array(taskservSchema, { error: 'a list of taskservs' })
      .optional()
      .describe('Task services and where they run.'),
    clusters: z
      .array(clusterSchema, { error: 'a list of clusters' })
      .optional()
      .describe('Named sets of servers with roles.'),
    settings: settingsFileSchema
      .optional()
      .describe('Settings for this infra only (override the workspace).'),
  },
  { error: 'a mapping with servers:, taskservs:, clusters: or settings:' },
);

export type InfraFile = z.infer<typeof infraFileSchema>;
export type ServerSpec = z.infer<typeof serverSchema>;
export type TaskservSpec = z.infer<typeof taskservSchema>;
export type ClusterSpec = z.infer<typeof clusterSchema>;
export type ClusterRoleSpec = z.infer<typeof clusterRoleSchema>;

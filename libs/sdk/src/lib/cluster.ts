import { z } from 'zod';
import { DefinitionError, zodIssues } from './operations/errors';

/** One taskserv a role's servers get, with the params the cluster chooses for it. */
export interface ClusterTaskserv {
  /** The taskserv extension (e.g. `k3s`). */
  taskserv: string;
  params: Record<string, unknown>;
}

/** What a role's functions see, once per server of the role. */
export interface ClusterRoleContext<P> {
  /** The cluster's params, validated (defaults applied). */
  params: P;
  cluster: string;
  /** Servers of every role, by role name, in infra order. */
  servers: Readonly<Record<string, readonly string[]>>;
  /** The server these taskservs are for, and its position in the role (0: the first, applied before the others). */
  server: string;
  index: number;
  /** Address of each server, by name (e.g. for the URL the others join). */
  addresses: Readonly<Record<string, string>>;
}

export interface ClusterRoleDefinition<P> {
  name: string;
  description?: string;
  /** Allowed numbers of servers (e.g. k3s servers: 1 or 3 for embedded etcd); default: any, at least one. */
  counts?: readonly number[];
  /** Whether the role may have no server at all (agents). */
  optional?: boolean;
  /**
   * The taskservs a server of the role gets (called per server), in order. A role is applied after
   * every earlier role is in place; within a role, the first server before the others.
   */
  taskservs(ctx: ClusterRoleContext<P>): ClusterTaskserv[];
  /**
   * Run before a server leaves this role (scaling down): a command on the first server of role
   * `on`, e.g. draining the node; `{{server}}` in it is replaced by the quoted server name.
   */
  drain?: { on: string; command: string };
}

/** A check that passes when `command` exits 0 on the first server of `role`; retried until `timeoutSeconds`. */
export interface ClusterHealthCheck {
  name: string;
  role: string;
  /** A shell command, or one made from the servers of each role (e.g. to name every node that must be Ready). */
  command: string | ((servers: Readonly<Record<string, readonly string[]>>) => string);
  timeoutSeconds?: number;
}

/** A value the cluster prints after create: a command's stdout on the first server of `role`. */
export interface ClusterOutput {
  role: string;
  command: string;
  description?: string;
  /** Treated as a secret: redacted when printed, written to `file` with mode 0600. */
  secret?: boolean;
  /** Saved under the workspace's `.provisioning/clusters/<cluster>/`, and the path printed instead. */
  file?: string;
}

export interface ClusterDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: string;
  description?: string;
  params: S;
  /** Roles in the order they are applied. */
  roles: readonly ClusterRoleDefinition<z.output<S>>[];
  health: readonly ClusterHealthCheck[];
  outputs: Readonly<Record<string, ClusterOutput>>;
}

export type ClusterSpec<S extends z.ZodType> = Omit<ClusterDefinition<S>, 'health' | 'outputs'> &
  Partial<Pick<ClusterDefinition<S>, 'health' | 'outputs'>>;

const NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Declares a cluster: roles in order, health checks and outputs, each pointing at a role that exists. */
export function defineCluster<S extends z.ZodType>(spec: ClusterSpec<S>): ClusterDefinition<S> {
  const problems: string[] = [];
  if (!NAME.test(spec.name))
    problems.push(`name "${spec.name}" must be lowercase letters, digits and dashes`);
  if (!SEMVER.test(spec.version))
    problems.push(`version "${spec.version}" must be a semantic version such as 1.2.0`);
  const roles = new Set<string>();
  for (const role of spec.roles) {
    if (!NAME.test(role.name))
      problems.push(`role name "${role.name}" must be lowercase letters, digits and dashes`);
    if (roles.has(role.name)) problems.push(`role "${role.name}" is declared twice`);
    roles.add(role.name);
    if (typeof role.taskservs !== 'function')
      problems.push(`role "${role.name}": taskservs must be a function`);
    if (role.drain && !spec.roles.some((other) => other.name === role.drain?.on))
      problems.push(`role "${role.name}": drain runs on unknown role "${role.drain.on}"`);
  }
  if (roles.size === 0) problems.push('a cluster needs at least one role');
  for (const check of spec.health ?? [])
    if (!roles.has(check.role))
      problems.push(`health check "${check.name}" runs on unknown role "${check.role}"`);
  for (const [name, output] of Object.entries(spec.outputs ?? {}))
    if (!roles.has(output.role)) problems.push(`output "${name}" is read on unknown role "${output.role}"`);
  if (problems.length) throw new DefinitionError(`Invalid cluster "${spec.name}"`, problems);
  return { health: [], outputs: {}, ...spec };
}

/** Cluster params or role sizes did not fit the cluster's definition. */
export class ClusterParamsError extends DefinitionError {
  override name = 'ClusterParamsError';
}

export function parseClusterParams<S extends z.ZodType>(
  definition: ClusterDefinition<S>,
  raw: unknown,
  cluster: string,
): z.output<S> {
  const parsed = definition.params.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ClusterParamsError(
      `Params of cluster "${cluster}" (${definition.name}) are invalid; fix them in the infra definition`,
      zodIssues(parsed.error),
    );
  }
  return parsed.data;
}

/** Checks that every role the definition requires has servers, in an allowed number, and that no unknown role is used. */
export function checkClusterRoles(
  definition: ClusterDefinition,
  cluster: string,
  servers: Readonly<Record<string, readonly string[]>>,
): void {
  const problems: string[] = [];
  for (const role of definition.roles) {
    const count = servers[role.name]?.length ?? 0;
    if (count === 0 && !role.optional) problems.push(`role "${role.name}" needs at least one server`);
    else if (count > 0 && role.counts && !role.counts.includes(count))
      problems.push(
        `role "${role.name}" has ${count} servers; ${definition.name} allows ${role.counts.join(' or ')}`,
      );
  }
  const known = new Set(definition.roles.map((role) => role.name));
  for (const name of Object.keys(servers))
    if (!known.has(name))
      problems.push(`role "${name}" is not a role of ${definition.name} (${[...known].join(', ')})`);
  if (problems.length)
    throw new ClusterParamsError(`Cluster "${cluster}" does not fit ${definition.name}`, problems);
}

import { z } from 'zod';
import { DefinitionError, zodIssues } from './operations/errors';
import { operationSchema } from './operations/schemas';
import type { Operation } from './operations/types';

/** What the engine knows about a host before planning, read in the same round trip as the facts. */
export interface HostFacts {
  hostname: string;
  /** Family of the distribution: decides package manager and paths. */
  osFamily: 'debian' | 'rhel' | 'alpine' | 'unknown';
  /** `ID` and `VERSION_ID` from /etc/os-release, e.g. "debian" / "12". */
  osId: string;
  osVersion: string;
  /** `uname -m`, e.g. "x86_64", "aarch64". */
  arch: string;
  /**
   * The SSH connection the engine reaches this host through, from `$SSH_CONNECTION` (or, under
   * sudo, its parent's): unset for a local executor. A firewall must never close it.
   */
  ssh?: { clientAddress: string; serverPort: number };
}

/** One taskserv entry of the infra that runs on a server. */
export interface InfraTaskservView {
  /** The entry's name in the infra (`name:`), unique within the infra. */
  name: string;
  /** The task service it runs (the extension name, e.g. `node-exporter`). */
  taskserv: string;
}

/** A server of the infra as other servers' task services see it: where it is and what runs there. */
export interface InfraServerView {
  name: string;
  /** Host name or IP the engine reaches it at; unset for a provider's server not created yet. */
  address?: string;
  labels: Readonly<Record<string, string>>;
  /** The taskserv entries that target this server (their own `servers`/`selector` and cluster roles), in infra order. */
  taskservs: readonly InfraTaskservView[];
}

/**
 * The infra a run belongs to, filled by the engine: every server (whichever the run selected) and
 * the taskservs placed on each. Never params or secrets. Lets a task service build what depends on
 * the others: scrape targets, cluster members, the address of a primary.
 */
export interface InfraView {
  name: string;
  /** The server this run of the task service is for. */
  server: string;
  servers: readonly InfraServerView[];
}

export interface TaskservContext<P> {
  /** The params, already validated against the task service's schema (defaults applied). */
  params: P;
  host: HostFacts;
  /** Secrets named in the infra definition; the engine redacts their values everywhere. */
  secrets: Readonly<Record<string, string>>;
  /** Outputs of a task service this one depends on (e.g. the k3s join token of the server). */
  outputs(taskserv: string): Readonly<Record<string, string>> | undefined;
  /** The infra's servers and what runs on them; set by the engine, unset when a task service is resolved alone. */
  infra?: InfraView;
}

/** A value a task service publishes after apply, read from its host by a command's stdout. */
export interface TaskservOutput {
  command: string;
  /** Treat the value as a secret (redacted in events and logs). */
  secret?: boolean;
}

export interface TaskservDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: string;
  description?: string;
  params: S;
  /** Names of task services that must be installed on the same run before this one. */
  dependsOn: readonly string[];
  install(ctx: TaskservContext<z.output<S>>): Operation[];
  remove(ctx: TaskservContext<z.output<S>>): Operation[];
  outputs: Readonly<Record<string, TaskservOutput>>;
}

export type TaskservSpec<S extends z.ZodType> = Omit<
  TaskservDefinition<S>,
  'dependsOn' | 'remove' | 'outputs' | 'params'
> &
  Partial<Pick<TaskservDefinition<S>, 'dependsOn' | 'remove' | 'outputs' | 'params'>>;

/** The params of a task service that takes none: any key given in the infra is an error. */
const NO_PARAMS = z.strictObject({});

const NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Declares a task service. Validates the declaration itself; params are checked per host by `resolveTaskservOperations`. */
export function defineTaskserv<S extends z.ZodType = typeof NO_PARAMS>(
  spec: TaskservSpec<S>,
): TaskservDefinition<S> {
  const problems: string[] = [];
  if (!NAME.test(spec.name))
    problems.push(`name "${spec.name}" must be lowercase letters, digits and dashes`);
  if (!SEMVER.test(spec.version))
    problems.push(`version "${spec.version}" must be a semantic version such as 1.2.0`);
  if (typeof spec.install !== 'function') problems.push('install must be a function returning operations');
  // Duck-typed: an extension may bring its own copy of zod, so instanceof would refuse it.
  if (spec.params !== undefined && typeof (spec.params as { safeParse?: unknown }).safeParse !== 'function')
    problems.push('params must be a zod schema (or left out for a task service without params)');
  if (problems.length) throw new DefinitionError(`Invalid task service "${spec.name}"`, problems);
  return {
    dependsOn: [],
    remove: () => [],
    outputs: {},
    ...spec,
    params: spec.params ?? (NO_PARAMS as unknown as S),
  };
}

/** Params did not match the task service's schema: names the host, the task service and each wrong field. */
export class TaskservParamsError extends DefinitionError {
  override name = 'TaskservParamsError';
}

/** `host` names the host in the error; a function is called only then (reading host facts is not free). */
export function parseTaskservParams<S extends z.ZodType>(
  definition: TaskservDefinition<S>,
  raw: unknown,
  host: string | (() => string),
): z.output<S> {
  const parsed = definition.params.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new TaskservParamsError(
      `Params of task service "${definition.name}" for host "${typeof host === 'string' ? host : host()}" are invalid; fix them in the infra definition`,
      zodIssues(parsed.error),
    );
  }
  return parsed.data;
}

/**
 * Calls `install` or `remove` with validated params and checks what it returns: every item must
 * be an operation and ids must be unique, so the planner can rely on both.
 */
export function resolveTaskservOperations<S extends z.ZodType>(
  definition: TaskservDefinition<S>,
  action: 'install' | 'remove',
  ctx: Omit<TaskservContext<unknown>, 'params'> & { params: unknown },
): Operation[] {
  const params = parseTaskservParams(definition, ctx.params, () => ctx.host.hostname);
  const operations = definition[action]({ ...ctx, params });
  const parsed = z.array(operationSchema).safeParse(operations);
  if (!parsed.success) {
    throw new DefinitionError(
      `Task service "${definition.name}" ${action} returned invalid operations`,
      zodIssues(parsed.error),
    );
  }
  const seen = new Set<string>();
  const duplicates = parsed.data
    .filter((op) => (seen.has(op.id) ? true : (seen.add(op.id), false)))
    .map((op) => op.id);
  if (duplicates.length) {
    throw new DefinitionError(
      `Task service "${definition.name}" ${action} repeats operation ids; give each one a unique id`,
      duplicates,
    );
  }
  return parsed.data;
}

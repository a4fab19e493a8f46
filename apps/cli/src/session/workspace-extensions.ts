import { defaultsOfParamsSchema, type Infra, type TaskservLookup } from '@provisioning/config';
import { ExtensionCatalog, type ExtensionCandidate } from '@provisioning/extensions';
import type { TaskservDefinition } from '@provisioning/sdk';
import { taskservs as builtins } from '@provisioning/builtin-extensions';

/**
 * The task services a workspace can use: linked folders, `.provisioning/extensions/`, the user's
 * `~/.provisioning/extensions/`, then the built-ins (libs/extensions' catalog). Tests that pass
 * their own definitions (ctx.taskservs) get those as the only, built-in, source.
 */
export function workspaceCatalog(root: string | undefined, env: NodeJS.ProcessEnv, overrides?: ReadonlyMap<string, TaskservDefinition>): ExtensionCatalog {
  return new ExtensionCatalog({ workspaceRoot: overrides ? undefined : root, env: overrides ? { PROVISIONING_HOME: '/nonexistent' } : env, builtins: overrides ? [...overrides.values()] : builtins });
}

/** The definition each taskserv entry of the infra resolves to, by name; entries that resolve to nothing are left out (validate names them). */
export function taskservsForInfra(catalog: ExtensionCatalog, infra: Infra): Map<string, TaskservDefinition> {
  const definitions = new Map<string, TaskservDefinition>();
  for (const entry of infra.taskservs) {
    if (definitions.has(entry.taskserv)) continue;
    const resolution = catalog.resolve(entry.taskserv, entry.version);
    if (resolution.ok) definitions.set(entry.taskserv, catalog.load(resolution.candidate));
  }
  return definitions;
}

/** For validate and config show: params schemas and defaults by name and range, or why the range has no match. */
export function catalogLookup(catalog: ExtensionCatalog): TaskservLookup {
  return (name, range) => {
    const resolution = catalog.resolve(name, range);
    if (!resolution.ok) return resolution.available.length > 0 ? { versionMismatch: resolution.message } : undefined;
    const definition = catalog.load(resolution.candidate);
    return { paramsSchema: definition.params, defaults: defaultsOfParamsSchema(definition.params) };
  };
}

/** The candidate each known taskserv name resolves to without a range (what `taskserv list` shows). */
export function availableTaskservs(catalog: ExtensionCatalog): { candidate: ExtensionCandidate; definition: TaskservDefinition }[] {
  return catalog.names().flatMap((name) => {
    const resolution = catalog.resolve(name);
    return resolution.ok ? [{ candidate: resolution.candidate, definition: catalog.load(resolution.candidate) }] : [];
  });
}

import { defaultsOfParamsSchema, type TaskservLookup } from '@provisioning/config';
import { type ExtensionCandidate, ExtensionCatalog } from '@provisioning/extensions';
import type { TaskservDefinition } from '@provisioning/sdk';
import { builtinTaskservs } from './builtin-taskservs';

/**
 * The task services a workspace can use, as the engine resolves them (openInfra): linked folders,
 * `.provisioning/extensions/`, the user's `~/.provisioning/extensions/`, then the built-ins (or the
 * definitions a test passes as ctx.taskservs, in their place).
 */
export function workspaceCatalog(
  root: string | undefined,
  env: NodeJS.ProcessEnv,
  builtins?: ReadonlyMap<string, TaskservDefinition>,
): ExtensionCatalog {
  return new ExtensionCatalog({
    workspaceRoot: root,
    env,
    builtins: [...(builtins ?? builtinTaskservs()).values()],
  });
}

/** For validate and config show: params schemas and defaults by name and range, or why the range has no match. */
export function catalogLookup(catalog: ExtensionCatalog): TaskservLookup {
  return (name, range) => {
    const resolution = catalog.resolve(name, range);
    if (!resolution.ok)
      return resolution.available.length > 0 ? { versionMismatch: resolution.message } : undefined;
    const definition = catalog.load(resolution.candidate);
    return { paramsSchema: definition.params, defaults: defaultsOfParamsSchema(definition.params) };
  };
}

/** The candidate each known taskserv name resolves to without a range (what `taskserv list` shows). */
export function availableTaskservs(
  catalog: ExtensionCatalog,
): { candidate: ExtensionCandidate; definition: TaskservDefinition }[] {
  return catalog.names().flatMap((name) => {
    const resolution = catalog.resolve(name);
    return resolution.ok
      ? [{ candidate: resolution.candidate, definition: catalog.load(resolution.candidate) }]
      : [];
  });
}

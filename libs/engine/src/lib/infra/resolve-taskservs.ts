import type { Diagnostic, Infra } from '@provisioning/config';
import { ExtensionCatalog, ExtensionError } from '@provisioning/extensions';
import type { TaskservDefinition } from '@provisioning/sdk';
import { EngineError, WorkspaceInvalidError } from '../errors';

/**
 * The definition each taskserv entry of the infra runs, resolved by name and the entry's
 * `version` range through libs/extensions: linked folders, the workspace's and the user's
 * installs, then `builtins` (what the front door ships). A range nothing satisfies is a
 * WorkspaceInvalidError at the entry; a broken package is an EngineError saying which and why.
 * Entries no source knows are left out (planning reports them as unknown taskservs).
 */
export function resolveInfraTaskservs(
  root: string,
  infra: Infra,
  env: NodeJS.ProcessEnv,
  builtins: ReadonlyMap<string, TaskservDefinition>,
): Map<string, TaskservDefinition> {
  const catalog = new ExtensionCatalog({ workspaceRoot: root, env, builtins: [...builtins.values()] });
  const resolved = new Map<string, TaskservDefinition>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of infra.taskservs) {
    if (resolved.has(entry.taskserv)) continue;
    try {
      const resolution = catalog.resolve(entry.taskserv, entry.version);
      if (resolution.ok) resolved.set(entry.taskserv, catalog.load(resolution.candidate));
      else if (resolution.available.length > 0) {
        diagnostics.push({
          ...entry.source,
          severity: 'error',
          code: 'taskserv-version',
          path: `taskservs.${entry.name}.version`,
          message: resolution.message,
        });
      }
    } catch (error) {
      if (error instanceof ExtensionError)
        throw new EngineError(
          `taskserv "${entry.taskserv}" (${entry.source.file}:${entry.source.line}): ${error.message}`,
          error.hint,
        );
      throw error;
    }
  }
  // Cluster roles and ad-hoc runs name taskservs that no infra entry does: the front door's own
  // definitions stay reachable for them, as they were before entries resolved through the catalog.
  for (const [name, definition] of builtins) if (!resolved.has(name)) resolved.set(name, definition);
  if (diagnostics.length > 0)
    throw new WorkspaceInvalidError(
      `${diagnostics.length} taskserv version range${diagnostics.length > 1 ? 's' : ''} no installed extension satisfies`,
      diagnostics,
      'install a matching version (provisioning extension install NAME@RANGE) or change the range',
    );
  return resolved;
}

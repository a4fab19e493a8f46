import type { TaskservLookup } from '@provisioning/config';

/**
 * The params schemas of the taskservs this workspace can use (linked, installed, built-in), by
 * name and version range, so validate and config show check params, name their defaults and
 * report a version range nothing satisfies.
 */
export async function knownTaskservs(
  root: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<TaskservLookup> {
  const { catalogLookup, workspaceCatalog } = await import('./workspace-extensions.js');
  return catalogLookup(workspaceCatalog(root, env));
}

/** The provider names servers may use: the built-in `static` and `local` and the providers this CLI ships with. */
export async function knownProviders(): Promise<string[]> {
  const [{ providerNamesWith }, { builtinProviders }] = await Promise.all([
    import('@provisioning/config'),
    import('./builtin-providers.js'),
  ]);
  return providerNamesWith(builtinProviders().keys());
}

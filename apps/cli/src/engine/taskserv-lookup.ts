import type { TaskservLookup } from '@provisioning/config';

/**
 * The params schemas of the taskservs this CLI knows (the built-in extensions; installed ones from
 * a registry join here later), so validate and config show check params and name their defaults.
 */
export async function knownTaskservs(): Promise<TaskservLookup> {
  const [{ taskservLookupFrom }, { builtinTaskservs }] = await Promise.all([
    import('@provisioning/config'),
    import('./builtin-taskservs.js'),
  ]);
  return taskservLookupFrom(builtinTaskservs().values());
}

/** The provider names servers may use: the built-in `static` and `local` and the providers this CLI ships with. */
export async function knownProviders(): Promise<string[]> {
  const [{ BUILTIN_PROVIDERS }, { builtinProviders }] = await Promise.all([import('@provisioning/config'), import('./builtin-providers.js')]);
  return [...new Set([...BUILTIN_PROVIDERS, ...builtinProviders().keys()])];
}

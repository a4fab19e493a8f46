/**
 * The barrel through which the CLI finds built-in extensions: one exported array per kind, each entry
 * imported from the extension's own project. The extension generator edits it with ts-morph.
 */
export const BUILTIN_BARREL_PATH = 'extensions/builtin.ts';
/** Its tsconfig path; the plugin links every project importing it to the extensions it lists. */
export const BUILTIN_BARREL_IMPORT = '@provisioning/builtin-extensions';

/** Exported array names per kind. */
export const BUILTIN_ARRAYS = { taskserv: 'taskservs', provider: 'providers', cluster: 'clusters' } as const;

export const EMPTY_BUILTIN_BARREL = `// Built-in extensions the CLI ships with, one array per kind. \`nx g @provisioning/nx-plugin:extension\`
// adds entries here (an import and an array element, kept sorted).
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';

export const taskservs: readonly TaskservDefinition[] = [];
export const providers: readonly ProviderDefinition[] = [];
export const clusters: readonly ClusterDefinition[] = [];
`;

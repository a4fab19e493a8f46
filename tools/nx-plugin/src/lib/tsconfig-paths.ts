import { updateJson, type Tree } from '@nx/devkit';

export const TSCONFIG_BASE = 'tsconfig.base.json';

/** Maps `importPath` to `target` in tsconfig.base.json (keys kept sorted); a no-op when already mapped there. */
export function addTsconfigPath(tree: Tree, importPath: string, target: string): void {
  if (!tree.exists(TSCONFIG_BASE)) {
    throw new Error(`${TSCONFIG_BASE} not found at the workspace root; run the generator from the monorepo root.`);
  }
  updateJson(tree, TSCONFIG_BASE, (json) => {
    const paths: Record<string, string[]> = json.compilerOptions?.paths ?? {};
    const existing = paths[importPath];
    if (existing?.length === 1 && existing[0] === target) return json;
    paths[importPath] = [target];
    json.compilerOptions = {
      ...json.compilerOptions,
      paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    };
    return json;
  });
}

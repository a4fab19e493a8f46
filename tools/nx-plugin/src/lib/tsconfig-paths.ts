import { updateJson, type Tree } from '@nx/devkit';

export const TSCONFIG_BASE = 'tsconfig.base.json';

/**
 * Makes `importPath` resolve to `target` through tsconfig.base.json paths. When an existing entry
 * already does (exactly, or a wildcard such as `@provisioning/taskserv-*`), the file is left alone:
 * every edit to tsconfig.base.json marks the whole repository affected (it is a shared global
 * input), so a new extension under a wildcard mapping keeps `nx affected` down to that extension.
 */
export function ensureTsconfigPath(tree: Tree, importPath: string, target: string): void {
  if (!tree.exists(TSCONFIG_BASE)) {
    throw new Error(
      `${TSCONFIG_BASE} not found at the workspace root; run the generator from the monorepo root.`,
    );
  }
  const paths: Record<string, string[]> =
    JSON.parse(tree.read(TSCONFIG_BASE, 'utf-8') ?? '{}').compilerOptions?.paths ?? {};
  if (resolvesTo(paths, importPath) === target) return;
  updateJson(tree, TSCONFIG_BASE, (json) => {
    const updated: Record<string, string[]> = {
      ...(json.compilerOptions?.paths ?? {}),
      [importPath]: [target],
    };
    json.compilerOptions = {
      ...json.compilerOptions,
      paths: Object.fromEntries(Object.entries(updated).sort(([a], [b]) => a.localeCompare(b))),
    };
    return json;
  });
}

/** What TypeScript would map `importPath` to: an exact key first, else the wildcard with the longest prefix. */
export function resolvesTo(paths: Record<string, string[]>, importPath: string): string | undefined {
  if (paths[importPath]) return paths[importPath][0];
  let best: { prefix: string; replacement: string } | undefined;
  for (const [pattern, targets] of Object.entries(paths)) {
    const star = pattern.indexOf('*');
    if (star < 0 || !targets[0]) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (
      !importPath.startsWith(prefix) ||
      !importPath.endsWith(suffix) ||
      importPath.length < prefix.length + suffix.length
    )
      continue;
    if (!best || prefix.length > best.prefix.length) {
      const matched = importPath.slice(prefix.length, importPath.length - suffix.length);
      best = { prefix, replacement: targets[0].replace('*', matched) };
    }
  }
  return best?.replacement;
}

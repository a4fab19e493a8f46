import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DependencyType, type CreateDependencies, type RawProjectGraphDependency } from '@nx/devkit';
import { parse } from 'yaml';
import { BUILTIN_BARREL_IMPORT, BUILTIN_BARREL_PATH } from '../lib/builtin-barrel';
import { moduleSpecifiers } from '../lib/module-specifiers';

/**
 * Edges Nx cannot see from TypeScript imports. They are implicit (no source file) on purpose: Nx
 * caches file-level edges until that file changes, and these depend on other files (the barrel, the
 * target's manifest), so they are recomputed on every graph build instead.
 * - a manifest's `dependencies:` (k3s needs containerd) make the dependent extension affected;
 * - projects importing the built-in barrel (extensions/builtin.ts belongs to no project) depend on
 *   every extension the barrel imports, so editing an extension also tests the CLI.
 */
export const createDependencies: CreateDependencies = (_options, context) => {
  const edges: RawProjectGraphDependency[] = [];
  const extensions: { project: string; name: unknown; dependencies: unknown }[] = [];
  for (const [project, config] of Object.entries(context.projects)) {
    if (!config.tags?.includes('layer:extension')) continue;
    const declared = readYaml(context.workspaceRoot, `${config.root}/manifest.yaml`);
    extensions.push({ project, name: declared?.name, dependencies: declared?.dependencies });
  }
  const projectByName = new Map(extensions.map(({ name, project }) => [name, project]));
  for (const { project, dependencies } of extensions) {
    if (!dependencies || typeof dependencies !== 'object') continue;
    for (const name of Object.keys(dependencies)) {
      const target = projectByName.get(name);
      if (target && target !== project)
        edges.push({ source: project, target, type: DependencyType.implicit });
    }
  }
  edges.push(...barrelEdges(context.workspaceRoot, context.projects, context.fileMap.projectFileMap));
  return edges;
};

function barrelEdges(
  workspaceRoot: string,
  projects: Record<string, { root: string }>,
  projectFileMap: Record<string, { file: string }[]>,
): RawProjectGraphDependency[] {
  const barrel = readText(workspaceRoot, BUILTIN_BARREL_PATH);
  if (barrel === undefined) return [];
  const registered = moduleSpecifiers(barrel)
    .map((specifier) => specifier.replace(/^@provisioning\//, ''))
    .filter((name) => name in projects);
  const edges: RawProjectGraphDependency[] = [];
  for (const [project, files] of Object.entries(projectFileMap)) {
    const importer = files.find(
      ({ file }) =>
        file.endsWith('.ts') && importsModule(readText(workspaceRoot, file) ?? '', BUILTIN_BARREL_IMPORT),
    );
    if (!importer) continue;
    for (const target of registered) {
      if (target !== project) edges.push({ source: project, target, type: DependencyType.implicit });
    }
  }
  return edges;
}

/** Whether `source` really imports `moduleName` (not just mentions it in a string or comment). */
function importsModule(source: string, moduleName: string): boolean {
  return source.includes(moduleName) && moduleSpecifiers(source).includes(moduleName);
}

function readText(workspaceRoot: string, path: string): string | undefined {
  try {
    return readFileSync(join(workspaceRoot, path), 'utf8');
  } catch {
    return undefined;
  }
}

function readYaml(workspaceRoot: string, path: string): Record<string, unknown> | undefined {
  const text = readText(workspaceRoot, path);
  if (text === undefined) return undefined;
  try {
    const value: unknown = parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

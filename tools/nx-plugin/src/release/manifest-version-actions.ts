import { join } from 'node:path';
import type { ProjectGraph, Tree } from '@nx/devkit';
import { VersionActions } from 'nx/release';
import { parse } from 'yaml';

/**
 * `nx release` for extensions and templates, whose version lives in manifest.yaml / template.yaml
 * rather than a package.json. An extension's code declares the same version (`version: '0.1.0'`
 * in defineTaskserv), which the loader checks, so a release bumps both.
 */
export default class ManifestVersionActions extends VersionActions {
  validManifestFilenames = ['manifest.yaml', 'template.yaml'];

  // The base class expects the first file name only; a project has one or the other.
  override async validate(tree: Tree): Promise<void> {
    if (!this.manifestPath(tree))
      throw new Error(
        `${this.projectGraphNode.name}: no manifest.yaml or template.yaml in ${this.projectGraphNode.data.root}`,
      );
  }

  async readCurrentVersionFromSourceManifest(
    tree: Tree,
  ): Promise<{ currentVersion: string; manifestPath: string } | null> {
    const manifestPath = this.manifestPath(tree);
    if (!manifestPath) return null;
    const version = (parse(tree.read(manifestPath, 'utf-8') ?? '') as { version?: string } | null)?.version;
    return version ? { currentVersion: version, manifestPath } : null;
  }

  // Registries are signed directories, not something nx can query: versions come from disk or git tags.
  async readCurrentVersionFromRegistry(): Promise<null> {
    return null;
  }

  async readCurrentVersionOfDependency(
    tree: Tree,
    projectGraph: ProjectGraph,
    dependencyProjectName: string,
  ): Promise<{ currentVersion: string | null; dependencyCollection: string | null }> {
    const root = projectGraph.nodes[dependencyProjectName]?.data.root;
    const file = root
      ? ['manifest.yaml', 'template.yaml'].map((name) => join(root, name)).find((path) => tree.exists(path))
      : undefined;
    const version = file
      ? (parse(tree.read(file, 'utf-8') ?? '') as { version?: string }).version
      : undefined;
    return { currentVersion: version ?? null, dependencyCollection: version ? 'dependencies' : null };
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    const manifestPath = this.manifestPath(tree);
    if (!manifestPath) return [];
    const text = tree.read(manifestPath, 'utf-8') ?? '';
    const current = (parse(text) as { version: string }).version;
    tree.write(manifestPath, text.replace(/^version: .*$/m, `version: ${newVersion}`));
    const logs = [`New version ${newVersion} written to manifest: ${manifestPath}`];
    const code = this.codeDeclaringVersion(tree, current);
    if (code) {
      tree.write(
        code,
        (tree.read(code, 'utf-8') ?? '').replace(`version: '${current}'`, `version: '${newVersion}'`),
      );
      logs.push(`New version ${newVersion} written to the definition: ${code}`);
    }
    return logs;
  }

  // Dependencies are semver ranges chosen by authors (`^1.2.0`); a release never rewrites them.
  async updateProjectDependencies(): Promise<string[]> {
    return [];
  }

  private manifestPath(tree: Tree): string | undefined {
    const root = this.projectGraphNode.data.root;
    return this.validManifestFilenames.map((name) => join(root, name)).find((path) => tree.exists(path));
  }

  /** The one source file under src/ (not a spec) that says `version: '<current>'`, if exactly one does. */
  private codeDeclaringVersion(tree: Tree, current: string): string | undefined {
    const found: string[] = [];
    const visit = (dir: string) => {
      for (const name of tree.children(dir)) {
        const path = join(dir, name);
        if (tree.isFile(path)) {
          if (
            path.endsWith('.ts') &&
            !path.endsWith('.spec.ts') &&
            (tree.read(path, 'utf-8') ?? '').includes(`version: '${current}'`)
          )
            found.push(path);
        } else visit(path);
      }
    };
    const src = join(this.projectGraphNode.data.root, 'src');
    if (tree.exists(src)) visit(src);
    return found.length === 1 ? found[0] : undefined;
  }
}

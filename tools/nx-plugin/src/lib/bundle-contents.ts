import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import semver from 'semver';
import { stringify } from 'yaml';
import { sha256Hex as sha256Of, type TarballEntry } from '@provisioning/extensions';

export interface BundlePart {
  /** Project name, e.g. `taskserv-redis` or `template-web`. */
  id: string;
  version: string;
}

export interface BundleRequest {
  name: string;
  version: string;
  coreVersion: string;
  /** Folder of the built CLI (entry plus lazily loaded chunks). */
  cliDir: string;
  extensions: BundlePart[];
  templates: BundlePart[];
  packagesPath: string;
}

export type BundleContentsResult =
  { ok: true; entries: TarballEntry[]; manifest: string } | { ok: false; errors: string[] };

/**
 * The entries of a distribution bundle: the built CLI under `bundle/cli/`, each part's package tarball under
 * `bundle/extensions/` or `bundle/templates/`, `bundle/bundle.yaml` naming every part with its
 * version and sha256, the compatibility matrix (`bundle/versions.yaml`), and `bundle/SHA256SUMS`
 * over every file, so install.sh can verify each piece before installing it.
 */
export function collectBundleContents(workspaceRoot: string, request: BundleRequest): BundleContentsResult {
  const errors: string[] = [];
  if (semver.valid(request.version) !== request.version)
    errors.push(`version "${request.version}" is not an exact semver version.`);
  const cliPath = join(workspaceRoot, request.cliDir);
  const cliFiles = existsSync(cliPath) && statSync(cliPath).isDirectory() ? shippedFiles(cliPath) : [];
  if (cliFiles.length === 0)
    errors.push(`${request.cliDir} has no built CLI; build it first (npx nx run cli:build).`);

  const entries: TarballEntry[] = [];
  const listed = (folder: 'extensions' | 'templates', parts: BundlePart[]) =>
    parts.map((part) => {
      const file = `${part.id}-${part.version}.tgz`;
      const packaged = join(workspaceRoot, request.packagesPath, part.id, file);
      if (!existsSync(packaged)) {
        errors.push(
          `${request.packagesPath}/${part.id}/${file} not found; run \`npx nx run ${part.id}:package\` first.`,
        );
        return { id: part.id, version: part.version, path: `${folder}/${file}`, sha256: '' };
      }
      const content = readFileSync(packaged);
      entries.push({ path: `bundle/${folder}/${file}`, content });
      return { id: part.id, version: part.version, path: `${folder}/${file}`, sha256: sha256Of(content) };
    });
  const extensions = listed('extensions', request.extensions);
  const templates = listed('templates', request.templates);
  if (errors.length) return { ok: false, errors };

  const cli = cliFiles.map((file) => {
    const content = readFileSync(join(cliPath, file));
    entries.push({ path: `bundle/cli/${file}`, content });
    return { path: `cli/${file}`, sha256: sha256Of(content) };
  });
  const manifest = stringify({
    name: request.name,
    version: request.version,
    core: request.coreVersion,
    cli,
    extensions,
    templates,
  });
  entries.push({ path: 'bundle/bundle.yaml', content: manifest });
  const matrix = join(workspaceRoot, 'versions.yaml');
  if (existsSync(matrix)) entries.push({ path: 'bundle/versions.yaml', content: readFileSync(matrix) });
  // What install.sh verifies with `sha256sum -c` before installing anything.
  const sums = entries
    .map((entry) => `${sha256Of(entry.content)}  ${entry.path.slice('bundle/'.length)}`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
  entries.push({ path: 'bundle/SHA256SUMS', content: `${sums.join('\n')}\n` });
  return { ok: true, entries, manifest };
}

/** Files of the built CLI that run: everything but source maps and esbuild's metafile, sorted. */
function shippedFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !entry.name.endsWith('.map') && entry.name !== 'meta.json') {
        files.push(relative(dir, path).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return files.sort();
}

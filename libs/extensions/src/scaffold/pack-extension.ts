import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  type TarballEntry,
  writeDeterministicTarball,
  type WrittenTarball,
} from '../archive/deterministic-tarball';
import { bundleLinkedExtension } from '../loader/bundle-extension';
import { readManifestOf } from '../loader/extension-catalog';
import { extensionId } from '../manifest/extension-name';

/**
 * Packs an extension folder (made with `extension new`, anywhere) the way the Nx package target
 * packs one in the monorepo: builds dist/index.js from src/, then writes a reproducible
 * `<outDir>/<kind>-<name>-<version>.tgz` of manifest.yaml, README.md and dist/ under `package/`.
 */
export async function packExtensionFolder(
  dir: string,
  outDir: string,
): Promise<WrittenTarball & { id: string; version: string }> {
  const manifest = readManifestOf(dir);
  if (existsSync(join(dir, 'src', 'index.ts'))) bundleLinkedExtension(dir);
  const entries: TarballEntry[] = [
    { path: 'package/manifest.yaml', content: readFileSync(join(dir, 'manifest.yaml')) },
  ];
  if (existsSync(join(dir, 'README.md')))
    entries.push({ path: 'package/README.md', content: readFileSync(join(dir, 'README.md')) });
  entries.push(...filesUnder(join(dir, 'dist'), 'package/dist'));
  const id = extensionId(manifest.kind, manifest.name);
  const written = await writeDeterministicTarball(entries, join(outDir, `${id}-${manifest.version}.tgz`));
  return { ...written, id, version: manifest.version };
}

function filesUnder(root: string, prefix: string): TarballEntry[] {
  const entries: TarballEntry[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !(entry.name.endsWith('.spec.js') || path.includes(`${sep}out-tsc${sep}`))) {
        entries.push({
          path: `${prefix}/${relative(root, path).split(sep).join('/')}`,
          content: readFileSync(path),
        });
      }
    }
  };
  if (existsSync(root)) walk(root);
  return entries;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const EXTENSIONS_DIR = 'extensions';
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', 'files']);

/** Every `extensions/**\/manifest.yaml` under the workspace root, as workspace-relative POSIX paths with text. */
export function findExtensionManifests(workspaceRoot: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && entry.name === 'manifest.yaml') {
        found.push({
          path: relative(workspaceRoot, path).split(sep).join('/'),
          text: readFileSync(path, 'utf8'),
        });
      }
    }
  };
  walk(join(workspaceRoot, EXTENSIONS_DIR));
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

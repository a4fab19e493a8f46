import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every path under `root` (files, folders, links), sorted: compare two to prove nothing was written. */
export function snapshotTree(root: string): string[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      paths.push(relative(root, path));
      if (lstatSync(path).isDirectory()) walk(path);
    }
  };
  if (existsSync(root)) walk(root);
  return paths.sort();
}

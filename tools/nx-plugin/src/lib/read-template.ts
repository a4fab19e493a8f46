import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Tree } from '@nx/devkit';
import type { WorkspaceTemplateSource } from '@provisioning/extensions';

export const TEMPLATES_DIR = 'templates';

/** A template folder (`templates/web`) on disk as text, files keyed by POSIX path under files/. */
export function readTemplateFromDisk(templateDir: string): WorkspaceTemplateSource {
  const filesDir = join(templateDir, 'files');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        files[relative(filesDir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(filesDir);
  return { templateYaml: readFileSync(join(templateDir, 'template.yaml'), 'utf8'), files };
}

/** The same from an Nx tree (generators see uncommitted and dry-run changes this way). */
export function readTemplateFromTree(tree: Tree, templateDir: string): WorkspaceTemplateSource {
  const filesDir = `${templateDir}/files`;
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) files[path.slice(filesDir.length + 1)] = tree.read(path, 'utf-8') ?? '';
      else walk(path);
    }
  };
  walk(filesDir);
  return { templateYaml: tree.read(`${templateDir}/template.yaml`, 'utf-8') ?? '', files };
}

/** Names of the templates under templates/ in a tree (folders holding a template.yaml). */
export function templateNamesInTree(tree: Tree): string[] {
  return tree
    .children(TEMPLATES_DIR)
    .filter((name) => tree.exists(`${TEMPLATES_DIR}/${name}/template.yaml`))
    .sort();
}

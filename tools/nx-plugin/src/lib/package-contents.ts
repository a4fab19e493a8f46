import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { extensionId, formatProblems, parseManifest, parseTemplateManifest } from '@provisioning/extensions';
import type { TarballEntry } from '@provisioning/extensions';

export interface PackageContents {
  /** `taskserv-redis`, `template-web`: names the tarball and its folder. */
  id: string;
  version: string;
  entries: TarballEntry[];
}

export type PackageContentsResult = { ok: true; contents: PackageContents } | { ok: false; error: string };

/**
 * What goes into an extension's or template's package, under `package/`: the manifest, README.md
 * when present, and the built code (extensions, under `package/dist/`) or the template's files/.
 */
export function collectPackageContents(
  workspaceRoot: string,
  manifestPath: string,
  buildOutput?: string,
): PackageContentsResult {
  const absoluteManifest = join(workspaceRoot, manifestPath);
  if (!existsSync(absoluteManifest)) return { ok: false, error: `${manifestPath}: not found.` };
  const text = readFileSync(absoluteManifest, 'utf8');
  const root = dirname(absoluteManifest);
  const entries: TarballEntry[] = [{ path: `package/${basename(manifestPath)}`, content: text }];
  if (existsSync(join(root, 'README.md')))
    entries.push({ path: 'package/README.md', content: readFileSync(join(root, 'README.md')) });

  if (basename(manifestPath) === 'template.yaml') {
    const parsed = parseTemplateManifest(text, manifestPath);
    if (!parsed.ok) return { ok: false, error: formatProblems(parsed.problems) };
    entries.push(...filesUnder(join(root, 'files'), 'package/files'));
    return {
      ok: true,
      contents: { id: `template-${parsed.value.name}`, version: parsed.value.version, entries },
    };
  }

  const parsed = parseManifest(text, manifestPath);
  if (!parsed.ok) return { ok: false, error: formatProblems(parsed.problems) };
  if (!buildOutput || !existsSync(join(workspaceRoot, buildOutput, 'index.js'))) {
    return {
      ok: false,
      error: `${buildOutput ?? '(no buildOutput)'}/index.js not found; build the extension first (the package target depends on build).`,
    };
  }
  entries.push(...filesUnder(join(workspaceRoot, buildOutput), 'package/dist'));
  const { kind, name, version } = parsed.value;
  return { ok: true, contents: { id: extensionId(kind, name), version, entries } };
}

function filesUnder(dir: string, prefix: string): TarballEntry[] {
  const entries: TarballEntry[] = [];
  const walk = (current: string): void => {
    if (!existsSync(current)) return;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        entries.push({
          path: `${prefix}/${relative(dir, path).split(sep).join('/')}`,
          content: readFileSync(path),
        });
    }
  };
  walk(dir);
  return entries;
}

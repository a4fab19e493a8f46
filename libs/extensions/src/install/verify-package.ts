import { readArchive } from '../archive/read-archive';
import { ExtensionError } from '../errors';
import type { ExtensionManifest } from '../manifest/manifest-schema';
import { parseManifest } from '../manifest/parse-manifest';
import { formatProblems } from '../manifest/source-problem';
import { checkCoreCompatibility } from '../manifest/compatibility';

/** What a package tarball says about itself, read in memory (nothing written). */
export async function readPackageManifest(bytes: Buffer, label: string): Promise<ExtensionManifest> {
  const content = await readArchive(bytes, label);
  const manifestFile = content.files.find((file) => file.path === 'manifest.yaml');
  if (!manifestFile)
    throw new ExtensionError(
      'unsafe-archive',
      `${label}: refused, the package has no manifest.yaml; nothing was written.`,
    );
  if (!content.files.some((file) => file.path === 'dist/index.js')) {
    throw new ExtensionError(
      'unsafe-archive',
      `${label}: refused, the package has no dist/index.js (build it before packaging); nothing was written.`,
    );
  }
  const parsed = parseManifest(manifestFile.content.toString('utf8'), `${label}:manifest.yaml`);
  if (!parsed.ok)
    throw new ExtensionError(
      'manifest-mismatch',
      `${label}: refused, its manifest is invalid:\n${formatProblems(parsed.problems)}`,
    );
  return parsed.value;
}

/** The package's manifest must say what the index (or lock) said: same kind, name, version and core range. */
export function checkManifestMatches(
  manifest: ExtensionManifest,
  expected: { kind: string; name: string; version: string; core?: string },
  label: string,
  coreVersion: string,
): void {
  const differs = (['kind', 'name', 'version', 'core'] as const).filter(
    (key) => expected[key] !== undefined && manifest[key] !== expected[key],
  );
  if (differs.length > 0) {
    const what = differs.map((key) => `${key} "${manifest[key]}" (index: "${expected[key]}")`).join(', ');
    throw new ExtensionError(
      'manifest-mismatch',
      `${label}: refused, the package's manifest says ${what}; nothing was written.`,
      'the registry index and the package disagree; tell the registry owner.',
    );
  }
  const [core] = checkCoreCompatibility(manifest, coreVersion);
  if (core)
    throw new ExtensionError('incompatible-core', `${label}: refused, ${core.message} Nothing was written.`);
}

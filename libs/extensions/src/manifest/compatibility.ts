import semver from 'semver';
import type { ExtensionManifest } from './manifest-schema';

export interface CompatibilityProblem {
  /** `core` for the core range, otherwise the dependency's name. */
  subject: string;
  message: string;
}

/** Does the running core satisfy the manifest's `core` range? Pre-releases count (0.2.0-rc.1 fits ^0.2.0-0). */
export function checkCoreCompatibility(
  manifest: ExtensionManifest,
  coreVersion: string,
): CompatibilityProblem[] {
  if (semver.satisfies(coreVersion, manifest.core, { includePrerelease: true })) return [];
  return [
    {
      subject: 'core',
      message: `${manifest.kind} ${manifest.name}@${manifest.version} needs core ${manifest.core}, but this core is ${coreVersion}; widen "core" in its manifest or use a matching core.`,
    },
  ];
}

/**
 * Are the manifest's dependencies present, in a satisfying version? `available` maps each known
 * extension name to its version (extension names are unique across kinds).
 */
export function checkDependencies(
  manifest: ExtensionManifest,
  available: ReadonlyMap<string, string>,
): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  for (const [name, range] of Object.entries(manifest.dependencies)) {
    const found = available.get(name);
    if (found === undefined) {
      problems.push({
        subject: name,
        message: `dependency "${name}" (${range}) does not exist; add the extension or remove the dependency.`,
      });
    } else if (!semver.satisfies(found, range, { includePrerelease: true })) {
      problems.push({
        subject: name,
        message: `dependency "${name}" is ${found}, which does not satisfy ${range}.`,
      });
    }
  }
  return problems;
}

import { posix } from 'node:path';
import {
  checkCoreCompatibility,
  checkDependencies,
  formatProblems,
  parseManifest,
  type ExtensionManifest,
} from '@provisioning/extensions';

export type ValidateExtensionResult =
  { ok: true; manifest: ExtensionManifest } | { ok: false; errors: string[] };

/**
 * Everything `nx run <extension>:validate` checks: the manifest against its schema (including the
 * params JSON Schema), that it sits in the folder its kind and name imply, that the core satisfies
 * its `core` range, and that its dependencies exist among `others` in a matching version.
 */
export function validateExtension(
  manifestPath: string,
  text: string,
  coreVersion: string,
  others: readonly { path: string; text: string }[],
): ValidateExtensionResult {
  const parsed = parseManifest(text, manifestPath);
  if (!parsed.ok) return { ok: false, errors: formatProblems(parsed.problems).split('\n') };
  const manifest = parsed.value;
  const errors: string[] = [];
  const expectedDir = `extensions/${manifest.kind}s/${manifest.name}`;
  const actualDir = posix.dirname(manifestPath);
  if (actualDir.startsWith('extensions/') && actualDir !== expectedDir) {
    errors.push(
      `${manifestPath}: a ${manifest.kind} named "${manifest.name}" belongs in ${expectedDir}/; move it or fix "name"/"kind".`,
    );
  }
  const available = new Map<string, string>();
  for (const other of others) {
    if (other.path === manifestPath) continue;
    const otherParsed = parseManifest(other.text, other.path);
    if (!otherParsed.ok) continue;
    if (otherParsed.value.name === manifest.name) {
      errors.push(
        `${manifestPath}: the name "${manifest.name}" is also used by ${other.path}; extension names are unique across kinds.`,
      );
    }
    available.set(otherParsed.value.name, otherParsed.value.version);
  }
  for (const problem of [
    ...checkCoreCompatibility(manifest, coreVersion),
    ...checkDependencies(manifest, available),
  ]) {
    errors.push(`${manifestPath}: ${problem.message}`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, manifest };
}

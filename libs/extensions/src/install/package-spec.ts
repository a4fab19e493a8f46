import semver from 'semver';
import { ExtensionError } from '../errors';
import { explainInvalidName } from '../manifest/extension-name';

/** `redis`, `redis@^1.2`, `redis@1.2.3`: a name and a range (`*` when none is given). */
export function parsePackageSpec(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@');
  const name = at === -1 ? spec : spec.slice(0, at);
  const range = at === -1 ? '*' : spec.slice(at + 1);
  const problem = explainInvalidName(name);
  if (problem)
    throw new ExtensionError(
      'invalid-input',
      `"${spec}": ${problem}.`,
      'write NAME or NAME@RANGE, e.g. redis@^1.2.',
    );
  if (semver.validRange(range) === null)
    throw new ExtensionError(
      'invalid-input',
      `"${spec}": "${range}" is not a semver range.`,
      'e.g. redis@^1.2, redis@1.2.3, redis@">=1.2 <2".',
    );
  return { name, range };
}

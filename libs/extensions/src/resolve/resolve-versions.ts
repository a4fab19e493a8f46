import semver from 'semver';
import { ExtensionError } from '../errors';
import type { ExtensionKind } from '../manifest/extension-name';

/** One version of one extension some registry (or the lock) offers. */
export interface AvailableVersion {
  name: string;
  kind: ExtensionKind;
  version: string;
  core: string;
  dependencies: Readonly<Record<string, string>>;
  yanked: boolean;
  /** The registry that offers it. */
  registry: string;
}

/** What someone asked for: a name, a range, and who asked (a file:line:col, `command line`, or `redis@1.0.0`). */
export interface VersionRequest {
  name: string;
  range: string;
  requiredBy: string;
}

export interface ResolveOptions {
  coreVersion: string;
  /** Versions pinned by the lock file: kept while they still satisfy every range (yanked or not, as Cargo does). */
  preferred?: ReadonlyMap<string, string>;
}

const MAX_ROUNDS = 100;

/**
 * Chooses one version per extension name: the highest that satisfies every range asking for it,
 * is not yanked and fits the running core, then the same for its dependencies, until nothing
 * changes. A name no version satisfies is an error naming each range, who asked, and what is
 * available; a dependency cycle among the chosen versions is refused.
 */
export function resolveVersions(
  requests: readonly VersionRequest[],
  available: ReadonlyMap<string, readonly AvailableVersion[]>,
  options: ResolveOptions,
): Map<string, AvailableVersion> {
  let picked = new Map<string, AvailableVersion>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const constraints = constraintsOf(requests, picked);
    const next = new Map<string, AvailableVersion>();
    for (const [name, ranges] of constraints)
      next.set(name, choose(name, ranges, available.get(name) ?? [], picked.get(name), options));
    if (sameChoice(picked, next)) {
      refuseCycles(next);
      return next;
    }
    picked = next;
  }
  throw new ExtensionError(
    'version-conflict',
    `dependency resolution did not settle after ${MAX_ROUNDS} rounds: ${[...picked.values()].map(label).join(', ')}.`,
    'pin versions explicitly (NAME@VERSION) to break the loop.',
  );
}

function constraintsOf(
  requests: readonly VersionRequest[],
  picked: ReadonlyMap<string, AvailableVersion>,
): Map<string, VersionRequest[]> {
  const constraints = new Map<string, VersionRequest[]>();
  const add = (request: VersionRequest) =>
    constraints.set(request.name, [...(constraints.get(request.name) ?? []), request]);
  requests.forEach(add);
  for (const chosen of picked.values()) {
    for (const [name, range] of Object.entries(chosen.dependencies))
      add({ name, range, requiredBy: label(chosen) });
  }
  return constraints;
}

function choose(
  name: string,
  ranges: readonly VersionRequest[],
  versions: readonly AvailableVersion[],
  current: AvailableVersion | undefined,
  options: ResolveOptions,
): AvailableVersion {
  const satisfiesAll = (candidate: AvailableVersion) =>
    ranges.every((request) =>
      semver.satisfies(candidate.version, request.range, { includePrerelease: true }),
    );
  const fitsCore = (candidate: AvailableVersion) =>
    semver.satisfies(options.coreVersion, candidate.core, { includePrerelease: true });
  const pinned = options.preferred?.get(name);
  const eligible = versions.filter(
    (candidate) =>
      satisfiesAll(candidate) && fitsCore(candidate) && (!candidate.yanked || candidate.version === pinned),
  );
  if (current && eligible.some((candidate) => candidate.version === current.version)) return current;
  const preferred = eligible.find((candidate) => candidate.version === pinned);
  if (preferred) return preferred;
  const best = eligible.sort((a, b) => semver.rcompare(a.version, b.version))[0];
  if (best) return best;
  throw unsatisfiable(name, ranges, versions, satisfiesAll, fitsCore, options.coreVersion);
}

function unsatisfiable(
  name: string,
  ranges: readonly VersionRequest[],
  versions: readonly AvailableVersion[],
  satisfiesAll: (candidate: AvailableVersion) => boolean,
  fitsCore: (candidate: AvailableVersion) => boolean,
  coreVersion: string,
): ExtensionError {
  const asked = ranges.map((request) => `${request.range} (required by ${request.requiredBy})`).join(' and ');
  if (versions.length === 0) {
    return new ExtensionError(
      'not-found',
      `no registry offers an extension named "${name}" (asked for ${asked}).`,
      'check the name with `provisioning extension search`, and the registries in provisioning.yaml.',
    );
  }
  const matching = versions.filter(satisfiesAll);
  const listing = describeAvailable(versions, fitsCore);
  if (matching.length > 0 && matching.every((candidate) => !fitsCore(candidate))) {
    return new ExtensionError(
      'incompatible-core',
      `${name} ${matching.map((c) => c.version).join(', ')} satisfies ${asked}, but needs core ${[...new Set(matching.map((c) => c.core))].join(' or ')} and this core is ${coreVersion}; nothing was written.`,
      `use a version made for core ${coreVersion} (available: ${listing}), or a matching provisioning release.`,
    );
  }
  if (matching.length > 0 && matching.every((candidate) => candidate.yanked || !fitsCore(candidate))) {
    return new ExtensionError(
      'yanked',
      `${name} ${matching.map((c) => c.version).join(', ')} satisfies ${asked}, but was yanked by its publisher; nothing was written.`,
      `choose another version (available: ${listing}).`,
    );
  }
  const code = ranges.length > 1 ? 'version-conflict' : 'not-found';
  return new ExtensionError(
    code,
    `no version of ${name} satisfies ${asked}; available: ${listing}.`,
    ranges.length > 1
      ? 'the ranges exclude each other: relax one of them, or update the extension that asks for the older one.'
      : 'change the version range, or publish a matching version.',
  );
}

function describeAvailable(
  versions: readonly AvailableVersion[],
  fitsCore: (candidate: AvailableVersion) => boolean,
): string {
  return [...versions]
    .sort((a, b) => semver.compare(a.version, b.version))
    .map(
      (candidate) =>
        `${candidate.version}${candidate.yanked ? ' (yanked)' : ''}${fitsCore(candidate) ? '' : ` (needs core ${candidate.core})`}`,
    )
    .join(', ');
}

function sameChoice(
  a: ReadonlyMap<string, AvailableVersion>,
  b: ReadonlyMap<string, AvailableVersion>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [name, chosen] of a) if (b.get(name)?.version !== chosen.version) return false;
  return true;
}

function refuseCycles(picked: ReadonlyMap<string, AvailableVersion>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].map((n) =>
        label(picked.get(n) as AvailableVersion),
      );
      throw new ExtensionError(
        'dependency-cycle',
        `dependency cycle: ${cycle.join(' -> ')}; refused, nothing was written.`,
        'an extension cannot depend on itself through others; its publisher must remove one of these dependencies.',
      );
    }
    state.set(name, 'visiting');
    for (const dependency of Object.keys(picked.get(name)?.dependencies ?? {}))
      if (picked.has(dependency)) visit(dependency, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of [...picked.keys()].sort()) visit(name, []);
}

function label(chosen: AvailableVersion): string {
  return `${chosen.name}@${chosen.version}`;
}

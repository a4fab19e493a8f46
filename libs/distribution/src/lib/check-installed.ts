import semver from 'semver';
import type { VersionsMatrix } from './versions-matrix';

/** One extension as a workspace uses it. */
export interface InstalledComponent {
  kind: 'extension' | 'template';
  name: string;
  version: string;
  source: string;
}

export type ComponentStatus = 'tested' | 'untested' | 'outside';

export interface ComponentCheck extends InstalledComponent {
  /** The range the matrix lists for this core, if any. */
  tested?: string;
  status: ComponentStatus;
}

export interface MatrixCheck {
  core: string;
  /** False when the matrix has no entry for the running core at all. */
  coreKnown: boolean;
  components: ComponentCheck[];
  /** Outside a tested range: the combination is known not to have been tested together. */
  problems: number;
}

/**
 * Compares what is in use with the matrix entry of the running core: `tested` inside its range,
 * `outside` a listed range (a problem), `untested` when the matrix does not list it (a third-party
 * extension: allowed, reported).
 */
export function checkAgainstMatrix(
  matrix: VersionsMatrix,
  core: string,
  installed: readonly InstalledComponent[],
): MatrixCheck {
  const entry = matrix.cores[core];
  const components = installed.map((component): ComponentCheck => {
    const tested = entry?.[component.kind === 'extension' ? 'extensions' : 'templates'][component.name];
    if (!tested) return { ...component, status: 'untested' };
    return {
      ...component,
      tested,
      status: semver.satisfies(component.version, tested, { includePrerelease: true }) ? 'tested' : 'outside',
    };
  });
  return {
    core,
    coreKnown: entry !== undefined,
    components,
    problems: components.filter((c) => c.status === 'outside').length + (entry ? 0 : 1),
  };
}

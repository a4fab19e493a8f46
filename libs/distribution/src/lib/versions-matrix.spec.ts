import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, parseManifest } from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import semver from 'semver';
import { parse } from 'yaml';
import { checkAgainstMatrix } from './check-installed';
import { parseVersionsMatrix, readVersionsMatrix, type VersionsMatrix } from './versions-matrix';

const root = join(__dirname, '..', '..', '..', '..');

function repositoryMatrix(): VersionsMatrix {
  const parsed = readVersionsMatrix(join(root, 'versions.yaml'));
  if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
  return parsed.value;
}

describe('versions.yaml of this repository', () => {
  it('has an entry for the core this repository builds, and the CLI version of package.json', () => {
    const entry = repositoryMatrix().cores[CORE_VERSION];
    expect(entry?.cli).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('lists every extension and template of the repository, each at a version inside its range', () => {
    const entry = repositoryMatrix().cores[CORE_VERSION];
    const problems: string[] = [];
    for (const [name, range] of Object.entries(entry.extensions)) {
      const file = join(root, 'extensions', 'taskservs', name, 'manifest.yaml');
      const parsed = existsSync(file) ? parseManifest(readFileSync(file, 'utf8'), file) : undefined;
      if (!parsed?.ok) problems.push(`${name}: no valid extensions/taskservs/${name}/manifest.yaml`);
      else if (!semver.satisfies(parsed.value.version, range))
        problems.push(`${name}: ${parsed.value.version} is outside ${range}`);
    }
    for (const [name, range] of Object.entries(entry.templates)) {
      const file = join(root, 'templates', name, 'template.yaml');
      const version = existsSync(file)
        ? (parse(readFileSync(file, 'utf8')) as { version?: string }).version
        : undefined;
      if (!version || !semver.satisfies(version, range))
        problems.push(`${name}: template version ${version ?? 'missing'} is outside ${range}`);
    }
    expect(problems).toEqual([]);
  });

  it('names only projects that exist in its bundles', () => {
    const missing = Object.entries(repositoryMatrix().bundles).flatMap(([bundle, definition]) =>
      [...definition.extensions, ...definition.templates]
        .filter((id) => {
          const [kind, ...rest] = id.split('-');
          const dir =
            kind === 'template'
              ? join(root, 'templates', rest.join('-'))
              : join(root, 'extensions', `${kind}s`, rest.join('-'));
          return !existsSync(dir);
        })
        .map((id) => `${bundle}: ${id}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('libs/distribution bundle targets', () => {
  it('build and package exactly what versions.yaml lists for each bundle', () => {
    const targets = JSON.parse(readFileSync(join(root, 'libs', 'distribution', 'project.json'), 'utf8'))
      .targets as Record<
      string,
      { options: { name: string }; dependsOn: { projects: string[]; target: string }[] }
    >;
    for (const [name, bundle] of Object.entries(repositoryMatrix().bundles)) {
      const target = targets[`bundle-${name}`];
      expect(target?.options.name).toBe(name);
      expect(target.dependsOn.find((d) => d.target === 'package')?.projects.sort()).toEqual(
        [...bundle.extensions, ...bundle.templates].sort(),
      );
    }
  });
});

describe('parseVersionsMatrix', () => {
  it('rejects a bundle built on a core the matrix does not list, at its key', () => {
    const result = parseVersionsMatrix(
      'format: 1\ncores:\n  0.1.0: { cli: 0.1.0 }\nbundles:\n  stable: { version: 1.0.0, core: 0.2.0 }\n',
    );
    expect(!result.ok && formatProblems(result.problems)).toBe(
      'versions.yaml:5:29 bundles.stable.core: core 0.2.0 has no entry under cores:',
    );
  });
});

describe('checkAgainstMatrix', () => {
  const matrix: VersionsMatrix = {
    format: 1,
    cores: { '0.1.0': { cli: '0.1.0', extensions: { redis: '^0.1.0' }, templates: {} } },
    bundles: {},
  };

  it('marks a listed extension inside its range tested, outside it a problem, and an unlisted one untested', () => {
    const check = checkAgainstMatrix(matrix, '0.1.0', [
      { kind: 'extension', name: 'redis', version: '0.1.4', source: 'builtin' },
      { kind: 'extension', name: 'hello', version: '2.0.0', source: 'workspace' },
    ]);
    expect(check.components.map((c) => `${c.name}:${c.status}`)).toEqual(['redis:tested', 'hello:untested']);
    expect(check.problems).toBe(0);
    expect(
      checkAgainstMatrix(matrix, '0.1.0', [
        { kind: 'extension', name: 'redis', version: '0.2.0', source: 'user' },
      ]),
    ).toMatchObject({ problems: 1, components: [{ status: 'outside', tested: '^0.1.0' }] });
  });

  it('counts a core the matrix does not know as a problem', () => {
    expect(checkAgainstMatrix(matrix, '9.0.0', [])).toMatchObject({ coreKnown: false, problems: 1 });
  });
});

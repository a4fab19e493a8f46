import { ExtensionError } from '../errors';
import { type AvailableVersion, resolveVersions } from './resolve-versions';

function offer(name: string, version: string, extra: Partial<AvailableVersion> = {}): AvailableVersion {
  return {
    name,
    kind: 'taskserv',
    version,
    core: '^0.1.0',
    dependencies: {},
    yanked: false,
    registry: 'team',
    ...extra,
  };
}

function catalog(...versions: AvailableVersion[]): Map<string, AvailableVersion[]> {
  const map = new Map<string, AvailableVersion[]>();
  for (const v of versions) map.set(v.name, [...(map.get(v.name) ?? []), v]);
  return map;
}

const core = { coreVersion: '0.1.0' };
const chosen = (result: Map<string, AvailableVersion>) =>
  Object.fromEntries([...result].map(([name, v]) => [name, v.version]));

describe('resolveVersions', () => {
  it('chooses the highest version inside the range, skipping yanked ones and ones for another core', () => {
    const available = catalog(
      offer('redis', '1.0.0'),
      offer('redis', '1.4.0'),
      offer('redis', '1.5.0', { yanked: true }),
      offer('redis', '1.6.0', { core: '^0.2.0' }),
      offer('redis', '2.0.0'),
    );
    expect(
      chosen(resolveVersions([{ name: 'redis', range: '^1.0.0', requiredBy: 'cli' }], available, core)),
    ).toEqual({ redis: '1.4.0' });
  });

  it('resolves dependencies transitively, each within every range that asks for it', () => {
    const available = catalog(
      offer('web', '1.0.0', { dependencies: { tls: '^1.2.0' } }),
      offer('tls', '1.1.0'),
      offer('tls', '1.3.0'),
      offer('tls', '2.0.0'),
      offer('app', '1.0.0', { dependencies: { tls: '<1.3.5' } }),
    );
    const result = resolveVersions(
      [
        { name: 'web', range: '*', requiredBy: 'cli' },
        { name: 'app', range: '*', requiredBy: 'cli' },
      ],
      available,
      core,
    );
    expect(chosen(result)).toEqual({ web: '1.0.0', app: '1.0.0', tls: '1.3.0' });
  });

  it('names both ranges and who asked when they exclude each other', () => {
    const available = catalog(
      offer('web', '1.0.0', { dependencies: { tls: '^2.0.0' } }),
      offer('tls', '1.0.0'),
      offer('tls', '2.0.0'),
    );
    expect.assertions(2);
    try {
      resolveVersions(
        [
          { name: 'web', range: '*', requiredBy: 'cli' },
          { name: 'tls', range: '^1.0.0', requiredBy: 'provisioning.lock' },
        ],
        available,
        core,
      );
    } catch (error) {
      expect(error).toMatchObject({ code: 'version-conflict' });
      expect((error as ExtensionError).message).toBe(
        'no version of tls satisfies ^1.0.0 (required by provisioning.lock) and ^2.0.0 (required by web@1.0.0); available: 1.0.0, 2.0.0.',
      );
    }
  });

  it('keeps a version the lock pins, even when a higher one exists', () => {
    const available = catalog(offer('redis', '1.0.0'), offer('redis', '1.4.0'));
    const result = resolveVersions([{ name: 'redis', range: '^1.0.0', requiredBy: 'lock' }], available, {
      ...core,
      preferred: new Map([['redis', '1.0.0']]),
    });
    expect(chosen(result)).toEqual({ redis: '1.0.0' });
  });

  it('says when no registry knows the name', () => {
    expect(() => resolveVersions([{ name: 'nope', range: '*', requiredBy: 'cli' }], catalog(), core)).toThrow(
      'no registry offers an extension named "nope"',
    );
  });

  it('refuses a cycle through three extensions and names it', () => {
    const available = catalog(
      offer('a', '1.0.0', { dependencies: { b: '*' } }),
      offer('b', '1.0.0', { dependencies: { c: '*' } }),
      offer('c', '1.0.0', { dependencies: { a: '*' } }),
    );
    expect(() => resolveVersions([{ name: 'a', range: '*', requiredBy: 'cli' }], available, core)).toThrow(
      'dependency cycle: a@1.0.0 -> b@1.0.0 -> c@1.0.0 -> a@1.0.0',
    );
  });
});

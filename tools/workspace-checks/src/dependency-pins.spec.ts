import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
const all = { ...pkg.dependencies, ...pkg.devDependencies };

describe('package.json', () => {
  it('pins nx and every @nx/* package to one exact version', () => {
    const nxVersions = Object.entries(all).filter(([name]) => name === 'nx' || name.startsWith('@nx/'));
    expect(nxVersions.length).toBeGreaterThan(3);
    expect(new Set(nxVersions.map(([, version]) => version))).toEqual(new Set([all.nx]));
    expect(all.nx).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('pins every dependency exactly, so npm ci and a fresh install agree', () => {
    const ranged = Object.entries(all).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranged).toEqual([]);
  });

  it('allows install scripts by package name only (pinned entries never match without resolved URLs)', () => {
    expect(Object.keys(pkg.allowScripts).filter((name) => /.@\d/.test(name))).toEqual([]);
  });
});

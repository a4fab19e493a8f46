import { validateExtension } from './validate-extension';

const manifest = (name: string, kind = 'taskserv', extra = '') =>
  `name: ${name}\nkind: ${kind}\nversion: 0.1.0\ndescription: ${name}.\ncore: ^0.1.0\n${extra}`;

describe('validateExtension', () => {
  it('accepts a valid manifest in its own folder', () => {
    const result = validateExtension(
      'extensions/taskservs/redis/manifest.yaml',
      manifest('redis'),
      '0.1.0',
      [],
    );
    expect(result.ok).toBe(true);
  });

  it('reports schema problems with file:line:col', () => {
    const result = validateExtension(
      'extensions/taskservs/redis/manifest.yaml',
      manifest('redis').replace('0.1.0', 'x'),
      '0.1.0',
      [],
    );
    expect(!result.ok && result.errors).toEqual([
      'extensions/taskservs/redis/manifest.yaml:3:1 version: must be an exact semver version such as 1.2.3',
    ]);
  });

  it('reports a manifest whose kind or name does not match its folder', () => {
    const result = validateExtension(
      'extensions/taskservs/redis/manifest.yaml',
      manifest('redis', 'provider'),
      '0.1.0',
      [],
    );
    expect(!result.ok && result.errors[0]).toMatch(/belongs in extensions\/providers\/redis\//);
  });

  it('reports a name used by another extension', () => {
    const others = [
      { path: 'extensions/providers/redis/manifest.yaml', text: manifest('redis', 'provider') },
    ];
    const result = validateExtension(
      'extensions/taskservs/redis/manifest.yaml',
      manifest('redis'),
      '0.1.0',
      others,
    );
    expect(!result.ok && result.errors[0]).toMatch(
      /also used by extensions\/providers\/redis\/manifest.yaml/,
    );
  });

  it('reports a dependency whose version is out of range', () => {
    const others = [{ path: 'extensions/taskservs/base/manifest.yaml', text: manifest('base') }];
    const app = manifest('app', 'taskserv', 'dependencies:\n  base: ^2.0.0\n');
    const result = validateExtension('extensions/taskservs/app/manifest.yaml', app, '0.1.0', others);
    expect(!result.ok && result.errors).toEqual([
      'extensions/taskservs/app/manifest.yaml: dependency "base" is 0.1.0, which does not satisfy ^2.0.0.',
    ]);
  });
});

import { checkCoreCompatibility, checkDependencies } from './compatibility';
import type { ExtensionManifest } from './manifest-schema';

const manifest: ExtensionManifest = {
  name: 'k3s',
  kind: 'taskserv',
  version: '1.0.0',
  description: 'k3s.',
  core: '^0.1.0',
  dependencies: { containerd: '^1.0.0' },
  params: { type: 'object', properties: {} },
};

describe('checkCoreCompatibility', () => {
  it('accepts a core inside the range', () => {
    expect(checkCoreCompatibility(manifest, '0.1.5')).toEqual([]);
  });

  it('rejects a core outside the range and says what to change', () => {
    const [problem] = checkCoreCompatibility(manifest, '0.2.0');
    expect(problem.message).toBe(
      'taskserv k3s@1.0.0 needs core ^0.1.0, but this core is 0.2.0; widen "core" in its manifest or use a matching core.',
    );
  });
});

describe('checkDependencies', () => {
  it('accepts a present dependency in range', () => {
    expect(checkDependencies(manifest, new Map([['containerd', '1.4.0']]))).toEqual([]);
  });

  it('reports a missing dependency', () => {
    expect(checkDependencies(manifest, new Map())).toEqual([
      {
        subject: 'containerd',
        message:
          'dependency "containerd" (^1.0.0) does not exist; add the extension or remove the dependency.',
      },
    ]);
  });

  it('reports a dependency whose version is out of range', () => {
    const [problem] = checkDependencies(manifest, new Map([['containerd', '2.0.0']]));
    expect(problem.message).toBe('dependency "containerd" is 2.0.0, which does not satisfy ^1.0.0.');
  });
});

import type { Tree } from '@nx/devkit';
import { readJson } from '@nx/devkit';
import { createTestTree } from '../testing/create-test-tree';
import { ensureTsconfigPath, resolvesTo } from './tsconfig-paths';

describe('resolvesTo', () => {
  const paths = {
    '@provisioning/taskserv-*': ['./extensions/taskservs/*/src/index.ts'],
    '@provisioning/taskserv-demo-base': ['./elsewhere/base.ts'],
  };
  it('prefers an exact key', () => {
    expect(resolvesTo(paths, '@provisioning/taskserv-demo-base')).toBe('./elsewhere/base.ts');
  });
  it('expands a wildcard', () => {
    expect(resolvesTo(paths, '@provisioning/taskserv-my-thing')).toBe(
      './extensions/taskservs/my-thing/src/index.ts',
    );
  });
  it('returns undefined when nothing matches', () => {
    expect(resolvesTo(paths, '@provisioning/provider-demo')).toBeUndefined();
  });
});

describe('ensureTsconfigPath', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
  });

  it('adds an exact mapping, keys sorted, when none resolves the import', () => {
    ensureTsconfigPath(
      tree,
      '@provisioning/taskserv-demo-cache',
      './extensions/taskservs/demo-cache/src/index.ts',
    );
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toEqual({
      '@provisioning/taskserv-demo-cache': ['./extensions/taskservs/demo-cache/src/index.ts'],
    });
  });

  it('leaves tsconfig.base.json untouched when a wildcard already maps the import there', () => {
    tree.write(
      'tsconfig.base.json',
      JSON.stringify({
        compilerOptions: { paths: { '@provisioning/taskserv-*': ['./extensions/taskservs/*/src/index.ts'] } },
      }),
    );
    const before = tree.read('tsconfig.base.json', 'utf-8');
    ensureTsconfigPath(
      tree,
      '@provisioning/taskserv-demo-cache',
      './extensions/taskservs/demo-cache/src/index.ts',
    );
    expect(tree.read('tsconfig.base.json', 'utf-8')).toBe(before);
  });
});

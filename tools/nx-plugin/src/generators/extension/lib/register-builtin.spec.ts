import { createTestTree } from '../../../testing/create-test-tree';
import type { Tree } from '@nx/devkit';
import { BUILTIN_BARREL_PATH } from '../../../lib/builtin-barrel';
import { registerBuiltinExtension } from './register-builtin';

describe('registerBuiltinExtension', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
  });
  const barrel = () => tree.read(BUILTIN_BARREL_PATH, 'utf-8') ?? '';

  it('creates the barrel with one array per kind and registers the extension', () => {
    registerBuiltinExtension(tree, 'taskserv', '@provisioning/taskserv-cache', 'cache');
    expect(barrel()).toContain("import { cache } from '@provisioning/taskserv-cache';");
    expect(barrel()).toMatch(/export const taskservs[^=]*= \[cache\]/);
    expect(barrel()).toMatch(/export const providers[^=]*= \[\]/);
  });

  it('keeps imports and entries sorted as extensions are added', () => {
    registerBuiltinExtension(tree, 'taskserv', '@provisioning/taskserv-proxy', 'proxy');
    registerBuiltinExtension(tree, 'taskserv', '@provisioning/taskserv-cache', 'cache');
    expect(barrel()).toMatch(/taskserv-cache[\s\S]*taskserv-proxy/);
    expect(barrel()).toMatch(/= \[cache, proxy\]/);
  });

  it('is idempotent: registering twice leaves one import and one entry', () => {
    registerBuiltinExtension(tree, 'provider', '@provisioning/provider-demo-cloud', 'demoCloud');
    const once = barrel();
    registerBuiltinExtension(tree, 'provider', '@provisioning/provider-demo-cloud', 'demoCloud');
    expect(barrel()).toBe(once);
  });

  it('keeps what a person wrote in the barrel', () => {
    tree.write(
      BUILTIN_BARREL_PATH,
      '// hand-written note\nexport const taskservs = [];\nexport const providers = [];\nexport const clusters = [];\nexport const extra = 1;\n',
    );
    registerBuiltinExtension(tree, 'cluster', '@provisioning/cluster-demo', 'demo');
    expect(barrel()).toContain('// hand-written note');
    expect(barrel()).toContain('export const extra = 1;');
    expect(barrel()).toMatch(/clusters = \[demo\]/);
  });

  it('explains what to fix when the kind has no array', () => {
    tree.write(BUILTIN_BARREL_PATH, 'export const taskservs = [];\n');
    expect(() => registerBuiltinExtension(tree, 'cluster', '@provisioning/cluster-demo', 'demo')).toThrow(
      'extensions/builtin.ts has no `export const clusters = [...]`; add it (one array per kind) and run the generator again.',
    );
  });
});

describe('registerBuiltinExtension import placement', () => {
  it('adds the import after the existing ones, below the header comment', () => {
    const tree = createTestTree();
    registerBuiltinExtension(tree, 'taskserv', '@provisioning/taskserv-cache', 'cache');
    const text = tree.read(BUILTIN_BARREL_PATH, 'utf-8') ?? '';
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\/\/ Built-in extensions/);
    expect(lines[1]).toMatch(/^\/\/ adds entries here/);
    expect(text.indexOf("from '@provisioning/sdk'")).toBeLessThan(
      text.indexOf("from '@provisioning/taskserv-cache'"),
    );
  });
});

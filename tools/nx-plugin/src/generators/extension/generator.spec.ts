import { readJson, type Tree } from '@nx/devkit';
import { createTestTree } from '../../testing/create-test-tree';
import { parseManifest } from '@provisioning/extensions';
import { validateExtension } from '../../lib/validate-extension';
import { extensionGenerator } from './generator';

describe('extension generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
  });
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';

  describe('--kind taskserv', () => {
    beforeEach(async () => {
      await extensionGenerator(tree, {
        name: 'my-thing',
        kind: 'taskserv',
        description: "Sets up my thing's files.",
      });
    });

    it('writes a manifest that parses, with the core range of the current core', () => {
      const parsed = parseManifest(read('extensions/taskservs/my-thing/manifest.yaml'));
      expect(parsed.ok && parsed.value).toMatchObject({
        name: 'my-thing',
        kind: 'taskserv',
        version: '0.1.0',
        description: "Sets up my thing's files.",
        core: '^0.1.0',
      });
    });

    it('writes a manifest the validate executor accepts as it is', () => {
      const path = 'extensions/taskservs/my-thing/manifest.yaml';
      expect(validateExtension(path, read(path), '0.1.0', []).ok).toBe(true);
    });

    it('writes the source, its spec, a README and the project config files', () => {
      for (const file of [
        'scenarios.yaml',
        'src/index.ts',
        'src/index.spec.ts',
        'README.md',
        'jest.config.js',
        'eslint.config.js',
        'tsconfig.json',
        'tsconfig.lib.json',
        'tsconfig.spec.json',
      ]) {
        expect(tree.exists(`extensions/taskservs/my-thing/${file}`)).toBe(true);
      }
      expect(tree.exists('extensions/taskservs/my-thing/project.json')).toBe(false);
      expect(read('extensions/taskservs/my-thing/src/index.ts')).toContain(
        'export const myThing = defineTaskserv({',
      );
      expect(read('extensions/taskservs/my-thing/jest.config.js')).toContain(
        "preset: '../../../jest.preset.js'",
      );
    });

    it('writes a README section on testing with the command that runs its scenarios', () => {
      expect(read('extensions/taskservs/my-thing/README.md')).toContain('## Testing on real hosts');
      expect(read('extensions/taskservs/my-thing/README.md')).toContain(
        'provisioning test extensions/taskservs/my-thing',
      );
      expect(read('extensions/taskservs/my-thing/scenarios.yaml')).toContain('taskserv: my-thing');
    });

    it('maps the import path in tsconfig.base.json', () => {
      expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toMatchObject({
        '@provisioning/taskserv-my-thing': ['./extensions/taskservs/my-thing/src/index.ts'],
        '@provisioning/builtin-extensions': ['./extensions/builtin.ts'],
      });
    });

    it('registers the extension in extensions/builtin.ts', () => {
      expect(read('extensions/builtin.ts')).toContain(
        "import { myThing } from '@provisioning/taskserv-my-thing';",
      );
      expect(read('extensions/builtin.ts')).toMatch(
        /taskservs: readonly TaskservDefinition\[\] = \[myThing\]/,
      );
    });

    it('refuses the same name again and changes nothing', async () => {
      const before = tree.listChanges().map((change) => [change.path, change.content?.toString()]);
      await expect(extensionGenerator(tree, { name: 'my-thing', kind: 'provider' })).rejects.toThrow(
        'An extension named "my-thing" already exists at extensions/taskservs/my-thing; names are unique across kinds, so choose another name.',
      );
      expect(tree.listChanges().map((change) => [change.path, change.content?.toString()])).toEqual(before);
    });
  });

  it.each(['provider', 'cluster'])(
    '--kind %s declares it with the sdk and registers it in its typed array',
    async (kind) => {
      await extensionGenerator(tree, { name: 'hetzner', kind });
      const define = kind === 'provider' ? 'defineProvider' : 'defineCluster';
      expect(read(`extensions/${kind}s/hetzner/src/index.ts`)).toContain(
        `export const hetzner = ${define}({`,
      );
      const type = kind === 'provider' ? 'ProviderDefinition' : 'ClusterDefinition';
      expect(read('extensions/builtin.ts')).toMatch(
        new RegExp(`${kind}s: readonly ${type}\\[\\] = \\[hetzner\\]`),
      );
    },
  );

  it.each([
    [
      'an invalid name',
      { name: 'My_Thing', kind: 'taskserv' },
      /Invalid extension name: "My_Thing" is not kebab-case/,
    ],
    [
      'an unknown kind',
      { name: 'x', kind: 'plugin' },
      'Unknown kind "plugin": use --kind taskserv, --kind provider, --kind cluster.',
    ],
    [
      'a multi-line description',
      { name: 'x', kind: 'taskserv', description: 'a\nb' },
      '--description must be one non-empty line.',
    ],
  ])('rejects %s and writes nothing', async (_case, schema, message) => {
    await expect(extensionGenerator(tree, schema)).rejects.toThrow(message);
    expect(tree.exists('extensions')).toBe(false);
  });
});

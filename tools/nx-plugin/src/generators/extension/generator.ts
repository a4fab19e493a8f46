import { formatFiles, offsetFromRoot, type Tree } from '@nx/devkit';
import { extensionScaffoldFiles } from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import { BUILTIN_BARREL_IMPORT, BUILTIN_BARREL_PATH } from '../../lib/builtin-barrel';
import { ensureTsconfigPath } from '../../lib/tsconfig-paths';
import { normalizeOptions } from './lib/normalize-options';
import { registerBuiltinExtension } from './lib/register-builtin';
import type { ExtensionGeneratorSchema } from './schema';

/**
 * `nx g @provisioning/nx-plugin:extension my-thing --kind taskserv`: the files `provisioning extension
 * new` writes too (libs/extensions' extensionScaffoldFiles): a manifest, src/index.ts written against the sdk, its spec, a README and the project's jest/eslint/tsconfig files (the project itself
 * is inferred from manifest.yaml), the tsconfig path, and an entry in extensions/builtin.ts.
 */
export async function extensionGenerator(tree: Tree, schema: ExtensionGeneratorSchema): Promise<void> {
  const options = normalizeOptions(tree, schema);
  const files = extensionScaffoldFiles({
    ...options,
    coreVersion: CORE_VERSION,
    layout: { kind: 'monorepo', offsetFromRoot: offsetFromRoot(options.root), root: options.root },
  });
  for (const [path, content] of Object.entries(files)) tree.write(`${options.root}/${path}`, content);
  ensureTsconfigPath(tree, options.importPath, `./${options.root}/src/index.ts`);
  ensureTsconfigPath(tree, BUILTIN_BARREL_IMPORT, `./${BUILTIN_BARREL_PATH}`);
  registerBuiltinExtension(tree, options.kind, options.importPath, options.propertyName);
  if (!options.skipFormat) await formatFiles(tree);
}

export default extensionGenerator;

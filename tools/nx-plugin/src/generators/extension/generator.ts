import { join } from 'node:path';
import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { CORE_VERSION } from '@provisioning/sdk';
import { BUILTIN_BARREL_IMPORT, BUILTIN_BARREL_PATH } from '../../lib/builtin-barrel';
import { ensureTsconfigPath } from '../../lib/tsconfig-paths';
import { normalizeOptions, templateVariables } from './lib/normalize-options';
import { registerBuiltinExtension } from './lib/register-builtin';
import type { ExtensionGeneratorSchema } from './schema';

/**
 * `nx g @provisioning/nx-plugin:extension my-thing --kind taskserv`: a manifest, src/index.ts written
 * against the sdk, its spec, a README and the project's jest/eslint/tsconfig files (the project itself
 * is inferred from manifest.yaml), the tsconfig path, and an entry in extensions/builtin.ts.
 */
export async function extensionGenerator(tree: Tree, schema: ExtensionGeneratorSchema): Promise<void> {
  const options = normalizeOptions(tree, schema);
  generateFiles(tree, join(__dirname, 'files'), options.root, templateVariables(options, CORE_VERSION));
  ensureTsconfigPath(tree, options.importPath, `./${options.root}/src/index.ts`);
  ensureTsconfigPath(tree, BUILTIN_BARREL_IMPORT, `./${BUILTIN_BARREL_PATH}`);
  registerBuiltinExtension(tree, options.kind, options.importPath, options.propertyName);
  if (!options.skipFormat) await formatFiles(tree);
}

export default extensionGenerator;

import { formatFiles, type Tree } from '@nx/devkit';
import {
  EMBEDDED_TEMPLATES_PATH,
  embeddedTemplatesModule,
  type WorkspaceTemplateSource,
} from '@provisioning/extensions';
import { readTemplateFromTree, TEMPLATES_DIR, templateNamesInTree } from '../../lib/read-template';
import type { EmbedTemplatesGeneratorSchema } from './schema';

/**
 * Writes every template under templates/ into the module the CLI bundle imports, so
 * `provisioning workspace init` needs no file outside its bundle. Running it twice changes nothing.
 */
export async function embedTemplatesGenerator(
  tree: Tree,
  schema: EmbedTemplatesGeneratorSchema = {},
): Promise<void> {
  const templates: Record<string, WorkspaceTemplateSource> = {};
  for (const name of templateNamesInTree(tree))
    templates[name] = readTemplateFromTree(tree, `${TEMPLATES_DIR}/${name}`);
  tree.write(EMBEDDED_TEMPLATES_PATH, embeddedTemplatesModule(templates));
  if (!schema.skipFormat) await formatFiles(tree);
}

export default embedTemplatesGenerator;

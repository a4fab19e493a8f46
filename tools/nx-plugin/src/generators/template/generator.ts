import { join } from 'node:path';
import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { explainInvalidName } from '@provisioning/extensions';
import { TEMPLATES_DIR } from '../../lib/read-template';
import { embedTemplatesGenerator } from '../embed-templates/generator';
import type { TemplateGeneratorSchema } from './schema';

/**
 * `nx g @provisioning/nx-plugin:template NAME`: templates/NAME/ with template.yaml and a files/ folder
 * that renders a valid workspace; the project (template-NAME) is inferred from template.yaml. The
 * CLI's embedded copy is regenerated so `provisioning workspace init --template NAME` knows it.
 */
export async function templateGenerator(tree: Tree, schema: TemplateGeneratorSchema): Promise<void> {
  const name = schema.name?.trim() ?? '';
  const nameProblem = explainInvalidName(name);
  if (nameProblem) throw new Error(`Invalid template name: ${nameProblem}.`);
  const root = `${TEMPLATES_DIR}/${name}`;
  if (tree.exists(root))
    throw new Error(`A template named "${name}" already exists at ${root}; choose another name.`);
  const description = (schema.description ?? `A workspace created from the ${name} template.`).trim();
  if (!description || /[\r\n]/.test(description))
    throw new Error('--description must be one non-empty line.');

  generateFiles(tree, join(__dirname, 'files'), root, {
    name,
    description,
    descriptionYaml: JSON.stringify(description),
    tmpl: '',
  });
  await embedTemplatesGenerator(tree, { skipFormat: true });
  if (!schema.skipFormat) await formatFiles(tree);
}

export default templateGenerator;

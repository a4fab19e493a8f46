import { posix } from 'node:path';
import { formatFiles, type Tree } from '@nx/devkit';
import { DEFAULT_TEMPLATE, renderWorkspace } from '@provisioning/extensions';
import { readTemplateFromTree, TEMPLATES_DIR, templateNamesInTree } from '../../lib/read-template';
import type { WorkspaceGeneratorSchema } from './schema';

/**
 * `nx g @provisioning/nx-plugin:workspace DIR --template NAME`: renders templates/NAME into DIR with
 * the same function `provisioning workspace init` uses, so both give the same files. Templates are
 * kept prettier-clean (a test checks), which makes the closing formatFiles a no-op on them.
 */
export async function workspaceGenerator(tree: Tree, schema: WorkspaceGeneratorSchema): Promise<void> {
  const templateName = schema.template ?? DEFAULT_TEMPLATE;
  const available = templateNamesInTree(tree);
  if (!available.includes(templateName)) {
    throw new Error(
      `Unknown template "${templateName}"; available: ${available.join(', ') || '(none under templates/)'}.`,
    );
  }
  const rendered = renderWorkspace(tree, readTemplateFromTree(tree, `${TEMPLATES_DIR}/${templateName}`), {
    directory: schema.directory,
    name: schema.name ?? posix.basename(schema.directory.replace(/\\/g, '/').replace(/\/+$/, '')),
    infra: schema.infra,
    force: schema.force,
  });
  if (!rendered.ok) throw new Error(rendered.error);
  if (!schema.skipFormat) await formatFiles(tree);
}

export default workspaceGenerator;

import type { Tree } from '@nx/devkit';
import { EMBEDDED_TEMPLATES_PATH } from '@provisioning/extensions';
import { createTestTree } from '../../testing/create-test-tree';
import { embedTemplatesGenerator } from './generator';

describe('embed-templates generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
    tree.write('templates/tiny/template.yaml', 'name: tiny\nversion: 0.1.0\ndescription: Tiny.\n');
    tree.write('templates/tiny/files/provisioning.yaml', 'name: <%= it.name %>\n');
    tree.write('templates/tiny/files/infra/__infra__/servers.yaml', 'servers: []\n');
    tree.write('templates/not-a-template/README.md', 'no template.yaml here\n');
  });

  it('embeds each template folder that has a template.yaml, with its files', async () => {
    await embedTemplatesGenerator(tree);
    const module = tree.read(EMBEDDED_TEMPLATES_PATH, 'utf-8') ?? '';
    expect(module).toContain('export const BUILTIN_TEMPLATES');
    expect(module).toContain('"infra/__infra__/servers.yaml": "servers: []\\n"');
    expect(module).toContain('"tiny"');
    expect(module).not.toContain('not-a-template');
  });

  it('is idempotent', async () => {
    await embedTemplatesGenerator(tree);
    const first = tree.read(EMBEDDED_TEMPLATES_PATH, 'utf-8');
    await embedTemplatesGenerator(tree);
    expect(tree.read(EMBEDDED_TEMPLATES_PATH, 'utf-8')).toBe(first);
  });
});

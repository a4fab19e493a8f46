import type { Tree } from '@nx/devkit';
import { EMBEDDED_TEMPLATES_PATH, parseTemplateManifest, renderWorkspace } from '@provisioning/extensions';
import { readTemplateFromTree } from '../../lib/read-template';
import { validateRenderedTemplate } from '../../lib/validate-rendered-template';
import { createTestTree } from '../../testing/create-test-tree';
import { templateGenerator } from './generator';

describe('template generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
  });

  it('writes template.yaml and a files/ folder that renders a workspace libs/config accepts', async () => {
    await templateGenerator(tree, { name: 'edge', description: 'Edge nodes: caches close to users.' });
    const source = readTemplateFromTree(tree, 'templates/edge');
    const manifest = parseTemplateManifest(source.templateYaml);
    expect(manifest.ok && manifest.value).toMatchObject({
      name: 'edge',
      description: 'Edge nodes: caches close to users.',
    });
    expect(Object.keys(source.files).sort()).toEqual([
      'README.md',
      'infra/__infra__/servers.yaml',
      'provisioning.yaml',
    ]);
    expect(validateRenderedTemplate(source)).toEqual([{ infra: 'main', ok: true, problems: [] }]);
  });

  it('keeps the eta tags for workspace rendering intact', async () => {
    await templateGenerator(tree, { name: 'edge' });
    const written = new Map<string, string>();
    renderWorkspace(
      { exists: () => false, write: (path, content) => void written.set(path, content) },
      readTemplateFromTree(tree, 'templates/edge'),
      { directory: 'ws', name: 'shop', infra: 'eu' },
    );
    expect(written.get('ws/provisioning.yaml')).toContain('name: shop\n');
    expect(written.has('ws/infra/eu/servers.yaml')).toBe(true);
  });

  it('embeds the new template for the CLI', async () => {
    await templateGenerator(tree, { name: 'edge' });
    expect(tree.read(EMBEDDED_TEMPLATES_PATH, 'utf-8')).toContain('"edge"');
  });

  it('refuses an existing template and changes nothing', async () => {
    await templateGenerator(tree, { name: 'edge' });
    const before = tree.read('templates/edge/template.yaml', 'utf-8');
    await expect(templateGenerator(tree, { name: 'edge', description: 'Other.' })).rejects.toThrow(
      'A template named "edge" already exists at templates/edge; choose another name.',
    );
    expect(tree.read('templates/edge/template.yaml', 'utf-8')).toBe(before);
  });

  it('rejects an invalid name and writes nothing', async () => {
    await expect(templateGenerator(tree, { name: 'Edge Nodes' })).rejects.toThrow(
      /Invalid template name: "Edge Nodes" is not kebab-case/,
    );
    expect(tree.exists('templates')).toBe(false);
  });
});

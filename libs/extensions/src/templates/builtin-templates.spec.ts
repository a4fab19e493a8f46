import { BUILTIN_TEMPLATES } from './builtin-templates.generated';
import { renderWorkspace } from './render-workspace';
import { parseTemplateManifest } from './template-manifest';
import type { TemplateTree } from './workspace-template';

const recording = (): TemplateTree & { paths: string[] } => {
  const paths: string[] = [];
  return { paths, exists: () => false, write: (path) => void paths.push(path) };
};

describe('BUILTIN_TEMPLATES', () => {
  it('embeds at least the minimal, web, kubernetes and multi-env templates', () => {
    expect(Object.keys(BUILTIN_TEMPLATES)).toEqual(
      expect.arrayContaining(['minimal', 'web', 'kubernetes', 'multi-env']),
    );
  });

  it.each(Object.keys(BUILTIN_TEMPLATES))('%s has a valid template.yaml named after its folder', (name) => {
    const parsed = parseTemplateManifest(BUILTIN_TEMPLATES[name].templateYaml);
    expect(parsed.ok && parsed.value.name).toBe(name);
  });

  it.each(Object.keys(BUILTIN_TEMPLATES))(
    '%s renders a provisioning.yaml and at least one infra file',
    (name) => {
      const tree = recording();
      const result = renderWorkspace(tree, BUILTIN_TEMPLATES[name], { directory: 'ws' });
      expect(result.ok).toBe(true);
      expect(tree.paths).toContain('ws/provisioning.yaml');
      expect(tree.paths.some((path) => path.startsWith('ws/infra/'))).toBe(true);
    },
  );
});

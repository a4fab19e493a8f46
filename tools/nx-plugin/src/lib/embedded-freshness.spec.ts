import { explainStaleEmbedding } from './embedded-freshness';

const source = { templateYaml: 'name: t\n', files: { 'a.yaml': 'a\n', 'b.yaml': 'b\n' } };

describe('explainStaleEmbedding', () => {
  it('accepts an identical copy', () => {
    expect(explainStaleEmbedding('t', source, { t: { ...source } })).toBeUndefined();
  });

  it('names the files that differ and the command that fixes it', () => {
    const stale = { t: { templateYaml: 'name: t\n', files: { 'a.yaml': 'old\n', 'c.yaml': 'c\n' } } };
    expect(explainStaleEmbedding('t', source, stale)).toBe(
      'the CLI\'s embedded copy of template "t" differs in a.yaml, c.yaml, b.yaml; run `npx nx g @provisioning/nx-plugin:embed-templates`.',
    );
  });

  it('reports a template that is not embedded at all', () => {
    expect(explainStaleEmbedding('t', source, {})).toMatch(/not embedded in the CLI yet/);
  });
});

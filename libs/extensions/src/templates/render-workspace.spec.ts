import { renderWorkspace } from './render-workspace';
import type { TemplateTree, WorkspaceTemplateSource } from './workspace-template';

class MemoryTree implements TemplateTree {
  readonly files = new Map<string, string>();
  constructor(existing: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(existing)) this.files.set(path, content);
  }
  exists(path: string): boolean {
    return this.files.has(path);
  }
  write(path: string, content: string): void {
    this.files.set(path, content);
  }
}

const source: WorkspaceTemplateSource = {
  templateYaml: 'name: tiny\nversion: 0.1.0\ndescription: A tiny workspace.\n',
  files: {
    'provisioning.yaml': 'name: <%= it.name %>\ndefault_infra: <%= it.infra %>\n',
    'infra/__infra__/servers.yaml': 'servers: []\n',
  },
};

describe('renderWorkspace', () => {
  it('writes every template file under the directory with variables and path segments substituted', () => {
    const tree = new MemoryTree();
    const result = renderWorkspace(tree, source, { directory: 'ws/shop' });
    expect(result).toMatchObject({ ok: true, name: 'shop', infra: 'main' });
    expect(Object.fromEntries(tree.files)).toEqual({
      'ws/shop/infra/main/servers.yaml': 'servers: []\n',
      'ws/shop/provisioning.yaml': 'name: shop\ndefault_infra: main\n',
    });
  });

  it('uses --name and --infra when given', () => {
    const tree = new MemoryTree();
    renderWorkspace(tree, source, { directory: 'x', name: 'acme', infra: 'prod' });
    expect(tree.files.get('x/provisioning.yaml')).toBe('name: acme\ndefault_infra: prod\n');
    expect(tree.exists('x/infra/prod/servers.yaml')).toBe(true);
  });

  it('refuses to overwrite an existing file and writes nothing', () => {
    const tree = new MemoryTree({ 'ws/provisioning.yaml': 'mine\n' });
    const result = renderWorkspace(tree, source, { directory: 'ws' });
    expect(result).toEqual({
      ok: false,
      reason: 'conflict',
      error:
        'Refusing to overwrite existing files (nothing was written): ws/provisioning.yaml. Choose an empty directory or pass --force.',
    });
    expect(Object.fromEntries(tree.files)).toEqual({ 'ws/provisioning.yaml': 'mine\n' });
  });

  it('overwrites existing files with force', () => {
    const tree = new MemoryTree({ 'ws/provisioning.yaml': 'mine\n' });
    expect(renderWorkspace(tree, source, { directory: 'ws', force: true }).ok).toBe(true);
    expect(tree.files.get('ws/provisioning.yaml')).toBe('name: ws\ndefault_infra: main\n');
  });

  it('is idempotent: rendering twice with force gives the same files', () => {
    const tree = new MemoryTree();
    renderWorkspace(tree, source, { directory: 'ws' });
    const first = new Map(tree.files);
    renderWorkspace(tree, source, { directory: 'ws', force: true });
    expect(tree.files).toEqual(first);
  });

  it.each([
    [
      'a name that is not kebab-case',
      { directory: 'ws', name: 'My_Shop' },
      /Invalid workspace name: "My_Shop" is not kebab-case/,
    ],
    ['an invalid infra name', { directory: 'ws', infra: 'Prod!' }, /Invalid infra name/],
    [
      'a directory that climbs out with ..',
      { directory: '../elsewhere' },
      /must not contain "\.\." segments/,
    ],
    ['the directory "." without a name', { directory: '.' }, /Pass --name/],
  ])('rejects %s and writes nothing', (_case, options, message) => {
    const tree = new MemoryTree();
    const result = renderWorkspace(tree, source, options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
    expect(tree.files.size).toBe(0);
  });

  it('rejects an infra outside the template choices', () => {
    const fixed = {
      ...source,
      templateYaml: `${source.templateYaml}infra:\n  default: dev\n  choices: [dev, prod]\n`,
    };
    const result = renderWorkspace(new MemoryTree(), fixed, { directory: 'ws', infra: 'qa' });
    expect(!result.ok && result.error).toBe(
      'Template "tiny" defines the infras dev, prod; --infra must be one of them, not "qa".',
    );
  });

  it('rejects a template file whose path leaves the files folder', () => {
    const escaping = { ...source, files: { '../../etc/passwd': 'x' } };
    const tree = new MemoryTree();
    const result = renderWorkspace(tree, escaping, { directory: 'ws' });
    expect(!result.ok && result.error).toMatch(/outside its files\/ folder/);
    expect(tree.files.size).toBe(0);
  });

  it('reports an invalid template.yaml with its position', () => {
    const broken = { ...source, templateYaml: 'name: tiny\nversion: x\ndescription: d\n' };
    const result = renderWorkspace(new MemoryTree(), broken, { directory: 'ws' });
    expect(!result.ok && result.error).toMatch(/template.yaml:2:1 version: must be an exact semver version/);
  });
});

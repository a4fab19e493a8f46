import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Tree } from '@nx/devkit';
import { BUILTIN_TEMPLATES, initWorkspace } from '@provisioning/extensions';
import { FsTree } from 'nx/src/generators/tree';
import { createTestTree } from '../../testing/create-test-tree';
import { workspaceGenerator } from './generator';

const monorepoRoot = join(__dirname, '../../../../..');

function seedTemplate(tree: Tree): void {
  tree.write('templates/tiny/template.yaml', 'name: tiny\nversion: 0.1.0\ndescription: Tiny.\n');
  tree.write(
    'templates/tiny/files/provisioning.yaml',
    'name: <%= it.name %>\ndefault_infra: <%= it.infra %>\n',
  );
  tree.write('templates/tiny/files/infra/__infra__/servers.yaml', 'servers: []\n');
}

function filesOnDisk(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

describe('workspace generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
    seedTemplate(tree);
  });

  it('renders the template into the directory, named after it', async () => {
    await workspaceGenerator(tree, { directory: 'sandbox/shop', template: 'tiny' });
    expect(tree.read('sandbox/shop/provisioning.yaml', 'utf-8')).toBe('name: shop\ndefault_infra: main\n');
    expect(tree.exists('sandbox/shop/infra/main/servers.yaml')).toBe(true);
  });

  it('refuses to overwrite without --force and leaves the existing file alone', async () => {
    tree.write('sandbox/shop/provisioning.yaml', 'mine\n');
    await expect(workspaceGenerator(tree, { directory: 'sandbox/shop', template: 'tiny' })).rejects.toThrow(
      /^Refusing to overwrite existing files \(nothing was written\): sandbox\/shop\/provisioning.yaml/,
    );
    expect(tree.read('sandbox/shop/provisioning.yaml', 'utf-8')).toBe('mine\n');
    expect(tree.exists('sandbox/shop/infra')).toBe(false);
  });

  it('is idempotent with --force', async () => {
    await workspaceGenerator(tree, { directory: 'ws', template: 'tiny' });
    const first = tree.read('ws/provisioning.yaml', 'utf-8');
    await workspaceGenerator(tree, { directory: 'ws', template: 'tiny', force: true });
    expect(tree.read('ws/provisioning.yaml', 'utf-8')).toBe(first);
  });

  it('names the available templates when the template is unknown', async () => {
    await expect(workspaceGenerator(tree, { directory: 'ws', template: 'nope' })).rejects.toThrow(
      'Unknown template "nope"; available: tiny.',
    );
    expect(tree.exists('ws')).toBe(false);
  });

  // The generator runs on an FsTree over this monorepo (never flushed), so it reads templates/ from
  // disk and formats with the repository's prettier; the CLI path renders the embedded copy to disk.
  describe.each(Object.keys(BUILTIN_TEMPLATES))('template %s', (template) => {
    let target: string;
    beforeEach(() => {
      target = mkdtempSync(join(tmpdir(), 'identity-'));
    });
    afterEach(() => rmSync(target, { recursive: true, force: true }));

    it('gives the same files through the Nx generator and through provisioning workspace init', async () => {
      const monorepo = new FsTree(monorepoRoot, false);
      const directory = `tmp/identity-check/${template}`;
      await workspaceGenerator(monorepo, { directory, template });
      const fromGenerator = Object.fromEntries(
        monorepo
          .listChanges()
          .filter((change) => change.path.startsWith(`${directory}/`))
          .map((change) => [change.path.slice(directory.length + 1), change.content?.toString('utf8')]),
      );
      const cli = initWorkspace({ directory: join(target, template), template });
      expect(cli.ok).toBe(true);
      expect(filesOnDisk(join(target, template))).toEqual(fromGenerator);
    });
  });
});

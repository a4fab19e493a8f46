import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DependencyType, type CreateDependenciesContext } from '@nx/devkit';
import { createDependencies } from './create-dependencies';

describe('createDependencies', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const projects = {
    'taskserv-containerd': { root: 'extensions/taskservs/containerd', tags: ['layer:extension'] },
    'taskserv-k3s': { root: 'extensions/taskservs/k3s', tags: ['layer:extension'] },
    cli: { root: 'apps/cli', tags: ['layer:app'] },
  };
  const context = (): CreateDependenciesContext =>
    ({
      workspaceRoot: root,
      projects,
      nxJsonConfiguration: {},
      externalNodes: {},
      fileMap: {
        projectFileMap: {
          cli: [{ file: 'apps/cli/src/extensions.ts', hash: '1' }],
          'taskserv-k3s': [{ file: 'extensions/taskservs/k3s/src/index.ts', hash: '2' }],
        },
        nonProjectFiles: [],
      },
      filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    }) as unknown as CreateDependenciesContext;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'create-dependencies-'));
    write('extensions/taskservs/containerd/manifest.yaml', 'name: containerd\nkind: taskserv\n');
    write(
      'extensions/taskservs/k3s/manifest.yaml',
      'name: k3s\nkind: taskserv\ndependencies:\n  containerd: ^1.0.0\n  ghost: ^1.0.0\n',
    );
    write('extensions/taskservs/k3s/src/index.ts', 'export const k3s = 1;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('turns manifest dependencies into static edges, ignoring names that are no project', async () => {
    const edges = await createDependencies(undefined, context());
    expect(edges).toEqual([
      {
        source: 'taskserv-k3s',
        target: 'taskserv-containerd',
        sourceFile: 'extensions/taskservs/k3s/manifest.yaml',
        type: DependencyType.static,
      },
    ]);
  });

  it('links a project importing the built-in barrel to every extension the barrel imports', async () => {
    write(
      'extensions/builtin.ts',
      "import { k3s } from '@provisioning/taskserv-k3s';\nexport const taskservs = [k3s];\n",
    );
    write('apps/cli/src/extensions.ts', "import { taskservs } from '@provisioning/builtin-extensions';\n");
    const edges = await createDependencies(undefined, context());
    expect(edges).toContainEqual({
      source: 'cli',
      target: 'taskserv-k3s',
      sourceFile: 'apps/cli/src/extensions.ts',
      type: DependencyType.static,
    });
  });
});

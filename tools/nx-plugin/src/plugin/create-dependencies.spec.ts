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
    'taskserv-runtime-demo': { root: 'extensions/taskservs/runtime-demo', tags: ['layer:extension'] },
    'taskserv-kube-demo': { root: 'extensions/taskservs/kube-demo', tags: ['layer:extension'] },
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
          'taskserv-kube-demo': [{ file: 'extensions/taskservs/kube-demo/src/index.ts', hash: '2' }],
        },
        nonProjectFiles: [],
      },
      filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    }) as unknown as CreateDependenciesContext;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'create-dependencies-'));
    write('extensions/taskservs/runtime-demo/manifest.yaml', 'name: runtime-demo\nkind: taskserv\n');
    write(
      'extensions/taskservs/kube-demo/manifest.yaml',
      'name: kube-demo\nkind: taskserv\ndependencies:\n  runtime-demo: ^1.0.0\n  ghost: ^1.0.0\n',
    );
    write('extensions/taskservs/kube-demo/src/index.ts', 'export const kube-demo = 1;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('turns manifest dependencies into static edges, ignoring names that are no project', async () => {
    const edges = await createDependencies(undefined, context());
    expect(edges).toEqual([
      {
        source: 'taskserv-kube-demo',
        target: 'taskserv-runtime-demo',
        type: DependencyType.implicit,
      },
    ]);
  });

  it('links a project importing the built-in barrel to every extension the barrel imports', async () => {
    write(
      'extensions/builtin.ts',
      "import { kubeDemo } from '@provisioning/taskserv-kube-demo';\nexport const taskservs = [kubeDemo];\n",
    );
    write('apps/cli/src/extensions.ts', "import { taskservs } from '@provisioning/builtin-extensions';\n");
    const edges = await createDependencies(undefined, context());
    expect(edges).toContainEqual({
      source: 'cli',
      target: 'taskserv-kube-demo',
      type: DependencyType.implicit,
    });
  });
});

describe('createDependencies barrel detection', () => {
  it.each([
    ["import { taskservs } from '@provisioning/builtin-extensions';", true],
    ["const { taskservs } = await import('@provisioning/builtin-extensions');", true],
    ["export const BARREL = '@provisioning/builtin-extensions';", false],
  ])('treats %s as importing the barrel: %s', async (source, expected) => {
    const root = mkdtempSync(join(tmpdir(), 'barrel-detect-'));
    try {
      mkdirSync(join(root, 'extensions/taskservs/kube-demo'), { recursive: true });
      mkdirSync(join(root, 'apps/cli/src'), { recursive: true });
      writeFileSync(
        join(root, 'extensions/taskservs/kube-demo/manifest.yaml'),
        'name: kube-demo\nkind: taskserv\n',
      );
      writeFileSync(
        join(root, 'extensions/builtin.ts'),
        "import { kubeDemo } from '@provisioning/taskserv-kube-demo';\n",
      );
      writeFileSync(join(root, 'apps/cli/src/a.ts'), `${source}\n`);
      const edges = await createDependencies(undefined, {
        workspaceRoot: root,
        projects: {
          'taskserv-kube-demo': { root: 'extensions/taskservs/kube-demo', tags: ['layer:extension'] },
          cli: { root: 'apps/cli' },
        },
        fileMap: { projectFileMap: { cli: [{ file: 'apps/cli/src/a.ts', hash: '1' }] }, nonProjectFiles: [] },
      } as unknown as CreateDependenciesContext);
      expect(edges.some((edge) => edge.source === 'cli' && edge.target === 'taskserv-kube-demo')).toBe(
        expected,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

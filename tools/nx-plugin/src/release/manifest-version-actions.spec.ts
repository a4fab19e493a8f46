import type { ProjectGraph, ProjectGraphProjectNode } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import ManifestVersionActions from './manifest-version-actions';

const node = (name: string, root: string): ProjectGraphProjectNode => ({ name, type: 'lib', data: { root } });

function actionsFor(project: ProjectGraphProjectNode): ManifestVersionActions {
  // Only the project node is read by the methods under test.
  return new ManifestVersionActions({} as never, project, { manifestRootsToUpdate: [] } as never);
}

describe('ManifestVersionActions (nx release for extensions and templates)', () => {
  it('reads the version from manifest.yaml, and bumps it there and in the definition that declares it', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(
      'extensions/taskservs/hello/manifest.yaml',
      '# contract\nname: hello\nkind: taskserv\nversion: 0.1.0\ncore: ^0.1.0\n',
    );
    tree.write(
      'extensions/taskservs/hello/src/hello.ts',
      "export const hello = defineTaskserv({ name: 'hello', version: '0.1.0' });\n",
    );
    tree.write(
      'extensions/taskservs/hello/src/hello.spec.ts',
      "expect(hello).toMatchObject({ version: '0.1.0' });\n",
    );
    const actions = actionsFor(node('taskserv-hello', 'extensions/taskservs/hello'));
    await expect(actions.readCurrentVersionFromSourceManifest(tree)).resolves.toEqual({
      currentVersion: '0.1.0',
      manifestPath: 'extensions/taskservs/hello/manifest.yaml',
    });
    await actions.updateProjectVersion(tree, '0.2.0');
    expect(tree.read('extensions/taskservs/hello/manifest.yaml', 'utf-8')).toBe(
      '# contract\nname: hello\nkind: taskserv\nversion: 0.2.0\ncore: ^0.1.0\n',
    );
    expect(tree.read('extensions/taskservs/hello/src/hello.ts', 'utf-8')).toContain("version: '0.2.0'");
    expect(tree.read('extensions/taskservs/hello/src/hello.spec.ts', 'utf-8')).toContain("version: '0.1.0'");
  });

  it("versions a template from template.yaml and reads a dependency's version from its manifest", async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('templates/web/template.yaml', 'name: web\nversion: 1.4.0\n');
    tree.write('extensions/taskservs/tls/manifest.yaml', 'name: tls\nversion: 2.0.1\n');
    const actions = actionsFor(node('template-web', 'templates/web'));
    await expect(actions.readCurrentVersionFromSourceManifest(tree)).resolves.toMatchObject({
      currentVersion: '1.4.0',
    });
    await expect(actions.validate(tree)).resolves.toBeUndefined();
    const graph = {
      nodes: { 'taskserv-tls': node('taskserv-tls', 'extensions/taskservs/tls') },
      dependencies: {},
    } as ProjectGraph;
    await expect(actions.readCurrentVersionOfDependency(tree, graph, 'taskserv-tls')).resolves.toEqual({
      currentVersion: '2.0.1',
      dependencyCollection: 'dependencies',
    });
  });
});

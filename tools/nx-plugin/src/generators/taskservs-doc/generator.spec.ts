import type { Tree } from '@nx/devkit';
import { TASKSERVS_DOC_PATH } from '../../lib/taskservs-doc';
import { createTestTree } from '../../testing/create-test-tree';
import { taskservsDocGenerator } from './generator';

describe('taskservs-doc generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTestTree();
    tree.write(
      'extensions/taskservs/tiny/manifest.yaml',
      'name: tiny\nkind: taskserv\nversion: 0.2.0\ndescription: Tiny.\ncore: ^0.1.0\ndependencies: {}\nparams:\n  type: object\n  properties:\n    port: { type: integer, default: 80, description: Port. }\n',
    );
    tree.write('extensions/taskservs/not-one/README.md', 'no manifest here\n');
  });

  it('writes docs/taskservs.md from the manifests under extensions/taskservs', async () => {
    await taskservsDocGenerator(tree);
    const doc = tree.read(TASKSERVS_DOC_PATH, 'utf-8') ?? '';
    expect(doc).toContain('| [tiny](#tiny) | 0.2.0 | Tiny. |');
    expect(doc).toContain('| `port` | integer | `80` | Port. |');
    expect(doc).not.toContain('not-one');
  });

  it('is idempotent', async () => {
    await taskservsDocGenerator(tree);
    const first = tree.read(TASKSERVS_DOC_PATH, 'utf-8');
    await taskservsDocGenerator(tree);
    expect(tree.read(TASKSERVS_DOC_PATH, 'utf-8')).toBe(first);
  });
});

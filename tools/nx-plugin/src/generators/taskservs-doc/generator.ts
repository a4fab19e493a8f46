import type { Tree } from '@nx/devkit';
import { EXTENSIONS_DIR } from '../../lib/find-extension-manifests';
import { renderTaskservsDoc, TASKSERVS_DOC_PATH } from '../../lib/taskservs-doc';

/** Writes docs/taskservs.md from every extensions/taskservs/<name>/manifest.yaml. Running it twice changes nothing. */
export async function taskservsDocGenerator(tree: Tree): Promise<void> {
  const dir = `${EXTENSIONS_DIR}/taskservs`;
  const manifests = tree
    .children(dir)
    .map((name) => `${dir}/${name}/manifest.yaml`)
    .filter((path) => tree.exists(path))
    .map((path) => ({ path, text: tree.read(path, 'utf-8') ?? '' }));
  tree.write(TASKSERVS_DOC_PATH, renderTaskservsDoc(manifests));
}

export default taskservsDocGenerator;

import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

/**
 * An empty in-memory workspace with this monorepo's prettier settings, so `formatFiles` formats with
 * prettier as it does in the real repository (Nx 23's empty test workspace is set up for oxfmt,
 * which is not installed here).
 */
export function createTestTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.delete('.oxfmtrc.json');
  tree.write('.prettierrc', '{ "singleQuote": true, "printWidth": 110 }\n');
  return tree;
}

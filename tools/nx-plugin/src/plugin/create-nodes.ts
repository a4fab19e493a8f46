import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodesFromFiles, type CreateNodes, type CreateNodesResult } from '@nx/devkit';
import { extensionProject } from './extension-project';
import { extensionIdentity, templateProjectName } from './project-identity';
import { templateProject } from './template-project';

export const EXTENSION_MANIFEST_GLOB = 'extensions/**/manifest.yaml';
export const TEMPLATE_MANIFEST_GLOB = 'templates/*/template.yaml';

/**
 * Every `extensions/**\/manifest.yaml` and `templates/*\/template.yaml` is a project without a
 * project.json; `test` and `lint` come from the jest and eslint plugins.
 */
export const createNodes: CreateNodes = [
  `{${EXTENSION_MANIFEST_GLOB},${TEMPLATE_MANIFEST_GLOB}}`,
  (files, options, context) =>
    createNodesFromFiles(
      (file): CreateNodesResult => {
        const root = dirname(file);
        const text = readFileSync(join(context.workspaceRoot, file), 'utf8');
        if (file.startsWith('templates/')) {
          return { projects: { [root]: templateProject(root, templateProjectName(file, text)) } };
        }
        const present = {
          jestConfig: existsSync(join(context.workspaceRoot, root, 'jest.config.js')),
          eslintConfig: existsSync(join(context.workspaceRoot, root, 'eslint.config.js')),
        };
        return { projects: { [root]: extensionProject(root, extensionIdentity(file, text), present) } };
      },
      files,
      options,
      context,
    ),
];

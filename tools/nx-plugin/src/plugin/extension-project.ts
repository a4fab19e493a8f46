import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import type { ExtensionIdentity } from './project-identity';

export const PACKAGES_OUTPUT = 'dist/packages';

/**
 * The inferred project of one extension. Inputs are exact, so a cache hit is only possible when
 * nothing the target reads has changed:
 * - validate reads its manifest and, through the graph, its dependencies' and the sdk's files
 *   (the sdk holds CORE_VERSION);
 * - build and package read the extension's production files and those of what it imports (the sdk).
 */
export function extensionProject(
  root: string,
  identity: ExtensionIdentity,
  present: { jestConfig: boolean; eslintConfig: boolean },
): Omit<ProjectConfiguration, 'root'> {
  const targets: Record<string, TargetConfiguration> = {
    validate: {
      executor: '@provisioning/nx-plugin:validate',
      options: { manifest: `${root}/manifest.yaml` },
      cache: true,
      // Not `{workspaceRoot}/extensions/**`: Nx treats workspace-root inputs as implicit
      // dependencies for `affected`, so one manifest edit would mark every extension affected.
      // Manifest dependencies are graph edges (createDependencies), so ^production covers them.
      inputs: ['{projectRoot}/manifest.yaml', '^production'],
      outputs: [],
    },
    build: {
      executor: '@provisioning/nx-plugin:build',
      options: { entry: `${root}/src/index.ts`, outputPath: `dist/${root}` },
      cache: true,
      inputs: ['production', '^production'],
      outputs: [`{workspaceRoot}/dist/${root}`],
    },
    package: {
      executor: '@provisioning/nx-plugin:package',
      options: {
        manifest: `${root}/manifest.yaml`,
        buildOutput: `dist/${root}`,
        outputPath: PACKAGES_OUTPUT,
      },
      dependsOn: ['build', 'validate'],
      cache: true,
      inputs: ['production', '^production'],
      outputs: [`{workspaceRoot}/${PACKAGES_OUTPUT}/${identity.id}`],
    },
    // Not cached: it writes to a registry outside the workspace.
    publish: {
      executor: '@provisioning/nx-plugin:publish',
      options: { manifest: `${root}/manifest.yaml`, packagesPath: PACKAGES_OUTPUT },
      dependsOn: ['package'],
      cache: false,
    },
    typecheck: {
      executor: 'nx:run-commands',
      options: {
        cwd: root,
        commands: ['tsc -p tsconfig.lib.json --noEmit', 'tsc -p tsconfig.spec.json --noEmit'],
        parallel: false,
      },
      cache: true,
      inputs: ['default', '^production'],
      outputs: [],
    },
  };
  // @nx/jest and @nx/eslint only infer targets beside a project.json or package.json, which
  // extensions do not have, so this plugin adds them.
  if (present.jestConfig) {
    targets.test = {
      executor: '@nx/jest:jest',
      options: { jestConfig: `${root}/jest.config.js` },
      cache: true,
      inputs: ['default', '^production', '{workspaceRoot}/jest.preset.js'],
      outputs: [`{workspaceRoot}/coverage/${root}`],
    };
  }
  if (present.eslintConfig) {
    targets.lint = {
      executor: 'nx:run-commands',
      options: { cwd: root, command: 'eslint .' },
      cache: true,
      inputs: ['default', '{workspaceRoot}/eslint.config.js', '{workspaceRoot}/tsconfig.base.json'],
      outputs: [],
    };
  }
  return {
    name: identity.id,
    sourceRoot: `${root}/src`,
    projectType: 'library',
    tags: ['layer:extension', `kind:${identity.kind}`],
    targets,
  };
}

import type { ProjectConfiguration } from '@nx/devkit';
import { PACKAGES_OUTPUT } from './extension-project';

/** libs/extensions' EMBEDDED_TEMPLATES_PATH, repeated so loading the plugin stays light (a spec checks they match). */
export const EMBEDDED_TEMPLATES_INPUT = 'libs/extensions/src/templates/builtin-templates.generated.ts';

/**
 * The inferred project of one workspace template. `validate` renders it and checks the result with
 * libs/config, and checks that the copy embedded in the CLI is current, so it reads those sources too.
 */
export function templateProject(root: string, name: string): Omit<ProjectConfiguration, 'root'> {
  return {
    name,
    projectType: 'library',
    tags: ['layer:template'],
    targets: {
      validate: {
        executor: '@provisioning/nx-plugin:validate-template',
        options: { template: root },
        cache: true,
        inputs: [
          '{projectRoot}/**/*',
          `{workspaceRoot}/${EMBEDDED_TEMPLATES_INPUT}`,
          '{workspaceRoot}/libs/extensions/src/**/*.ts',
          '{workspaceRoot}/libs/config/src/**/*.ts',
        ],
        outputs: [],
      },
      package: {
        executor: '@provisioning/nx-plugin:package',
        options: { manifest: `${root}/template.yaml`, outputPath: PACKAGES_OUTPUT },
        dependsOn: ['validate'],
        cache: true,
        inputs: ['{projectRoot}/**/*'],
        outputs: [`{workspaceRoot}/${PACKAGES_OUTPUT}/${name}`],
      },
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type ExecutorContext, type PromiseExecutor } from '@nx/devkit';
import { parseManifest, parseTemplateManifest, writeDeterministicTarball } from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import { collectBundleContents, type BundlePart } from '../../lib/bundle-contents';
import type { BundleExecutorSchema } from './schema';

const runExecutor: PromiseExecutor<BundleExecutorSchema> = async (options, context) => {
  const errors: string[] = [];
  const extensions = (options.extensions ?? []).map((id) => partOf(context, id, 'manifest.yaml', errors));
  const templates = (options.templates ?? []).map((id) => partOf(context, id, 'template.yaml', errors));
  if (errors.length) {
    for (const error of errors) logger.error(error);
    return { success: false };
  }
  const collected = collectBundleContents(context.root, {
    name: options.name,
    version: options.version,
    coreVersion: CORE_VERSION,
    cliDir: options.cli ?? 'dist/apps/cli',
    extensions: extensions.filter((part): part is BundlePart => part !== undefined),
    templates: templates.filter((part): part is BundlePart => part !== undefined),
    packagesPath: options.packagesPath ?? 'dist/packages',
  });
  if (!collected.ok) {
    for (const error of collected.errors) logger.error(error);
    return { success: false };
  }
  const relativeFile = join(options.outputPath ?? 'dist/bundles', `${options.name}-${options.version}.tgz`);
  const written = await writeDeterministicTarball(collected.entries, join(context.root, relativeFile));
  logger.info(`${relativeFile}  sha256 ${written.sha256}\n${collected.manifest}`);
  return { success: true };
};

/** The version of a project's package, read from its manifest (the package target names tarballs by it). */
function partOf(
  context: ExecutorContext,
  id: string,
  manifestName: string,
  errors: string[],
): BundlePart | undefined {
  const root = context.projectsConfigurations?.projects[id]?.root;
  if (!root) {
    errors.push(
      `No project named "${id}"; list extensions and templates by project name (taskserv-redis, template-web).`,
    );
    return undefined;
  }
  const path = join(root, manifestName);
  let text: string;
  try {
    text = readFileSync(join(context.root, path), 'utf8');
  } catch {
    errors.push(
      `${path}: not found; "${id}" is not ${manifestName === 'manifest.yaml' ? 'an extension' : 'a template'}.`,
    );
    return undefined;
  }
  const parsed =
    manifestName === 'manifest.yaml' ? parseManifest(text, path) : parseTemplateManifest(text, path);
  if (!parsed.ok) {
    errors.push(`${path}: invalid; run \`npx nx run ${id}:validate\`.`);
    return undefined;
  }
  return { id, version: parsed.value.version };
}

export default runExecutor;

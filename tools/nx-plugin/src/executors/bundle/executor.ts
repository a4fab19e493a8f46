import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type ExecutorContext, type PromiseExecutor } from '@nx/devkit';
import { type BundleDefinition, readVersionsMatrix, VERSIONS_FILE } from '@provisioning/distribution';
import {
  formatProblems,
  parseManifest,
  parseTemplateManifest,
  writeDeterministicTarball,
} from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import { collectBundleContents, type BundlePart } from '../../lib/bundle-contents';
import type { BundleExecutorSchema } from './schema';

const runExecutor: PromiseExecutor<BundleExecutorSchema> = async (given, context) => {
  const fromMatrix = bundleFromMatrix(context.root, given);
  if (!fromMatrix.ok) {
    logger.error(fromMatrix.error);
    return { success: false };
  }
  const options = fromMatrix.options;
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

/**
 * A bundle named in versions.yaml `bundles:` takes its version, extensions and templates from there
 * unless the target gives them, so the matrix is the one list of what each bundle holds.
 */
function bundleFromMatrix(
  root: string,
  options: BundleExecutorSchema,
): { ok: true; options: BundleExecutorSchema & { version: string } } | { ok: false; error: string } {
  const file = join(root, VERSIONS_FILE);
  let definition: BundleDefinition | undefined;
  if (existsSync(file)) {
    const parsed = readVersionsMatrix(file);
    if (!parsed.ok) return { ok: false, error: formatProblems(parsed.problems) };
    definition = parsed.value.bundles[options.name];
  }
  const version = options.version ?? definition?.version;
  if (!version)
    return {
      ok: false,
      error: `bundle "${options.name}" has no version: give the version option or add it under bundles: in versions.yaml.`,
    };
  return {
    ok: true,
    options: {
      ...options,
      version,
      extensions: options.extensions ?? definition?.extensions ?? [],
      templates: options.templates ?? definition?.templates ?? [],
    },
  };
}

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

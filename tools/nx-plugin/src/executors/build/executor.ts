import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import { extensionBundleOptions } from '@provisioning/extensions';
import { build } from 'esbuild';
import type { BuildExecutorSchema } from './schema';

/** Builds dist/index.js exactly as `provisioning extension link` does (libs/extensions' extensionBundleOptions). */
const runExecutor: PromiseExecutor<BuildExecutorSchema> = async (options, context) => {
  const entry = join(context.root, options.entry);
  if (!existsSync(entry)) {
    logger.error(`${options.entry}: entry file not found; check the "entry" option of the build target.`);
    return { success: false };
  }
  const outfile = join(context.root, options.outputPath, 'index.js');
  try {
    const result = await build(extensionBundleOptions(entry, outfile, context.root, options.external ?? []));
    for (const warning of result.warnings) logger.warn(`${options.entry}: ${warning.text}`);
  } catch (error) {
    logger.error(`${options.entry}: build failed: ${(error as Error).message}`);
    return { success: false };
  }
  logger.info(`built ${options.outputPath}/index.js`);
  return { success: true };
};

export default runExecutor;

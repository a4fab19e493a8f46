import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import { build } from 'esbuild';
import type { BuildExecutorSchema } from './schema';

/** What the extension loader provides at run time, so an extension shares the core's instances. */
export const PROVIDED_BY_CORE = ['@provisioning/sdk', 'zod'];

const runExecutor: PromiseExecutor<BuildExecutorSchema> = async (options, context) => {
  const entry = join(context.root, options.entry);
  if (!existsSync(entry)) {
    logger.error(`${options.entry}: entry file not found; check the "entry" option of the build target.`);
    return { success: false };
  }
  const tsconfig = join(dirname(dirname(entry)), 'tsconfig.lib.json');
  const outfile = join(context.root, options.outputPath, 'index.js');
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      // Paths in the output (comments) are relative to this, so every clone emits the same bytes.
      absWorkingDir: context.root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: [...PROVIDED_BY_CORE, ...(options.external ?? [])],
      tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
      legalComments: 'none',
      logLevel: 'silent',
    });
    for (const warning of result.warnings) logger.warn(`${options.entry}: ${warning.text}`);
  } catch (error) {
    logger.error(`${options.entry}: build failed: ${(error as Error).message}`);
    return { success: false };
  }
  logger.info(`built ${options.outputPath}/index.js`);
  return { success: true };
};

export default runExecutor;

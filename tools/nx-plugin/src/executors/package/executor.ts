import { join } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import { writeDeterministicTarball } from '@provisioning/extensions';
import { collectPackageContents } from '../../lib/package-contents';
import type { PackageExecutorSchema } from './schema';

const runExecutor: PromiseExecutor<PackageExecutorSchema> = async (options, context) => {
  const collected = collectPackageContents(context.root, options.manifest, options.buildOutput);
  if (!collected.ok) {
    logger.error(collected.error);
    return { success: false };
  }
  const { id, version, entries } = collected.contents;
  const relativeFile = join(options.outputPath ?? 'dist/packages', id, `${id}-${version}.tgz`);
  const written = await writeDeterministicTarball(entries, join(context.root, relativeFile));
  logger.info(`${relativeFile}  sha256 ${written.sha256}  (${entries.length} files)`);
  return { success: true };
};

export default runExecutor;

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import {
  ExtensionError,
  extensionId,
  formatProblems,
  parseManifest,
  privateKeyObject,
  publishToDirectory,
} from '@provisioning/extensions';
import type { PublishExecutorSchema } from './schema';

/**
 * `nx run taskserv-redis:publish --registry DIR --key KEYFILE`: the package target's tarball,
 * signed and added to the registry (libs/extensions' publishToDirectory, as `provisioning registry
 * publish` does). Relative paths are taken from where nx was started.
 */
const runExecutor: PromiseExecutor<PublishExecutorSchema> = async (options, context) => {
  const registry = options.registry ?? process.env.PROVISIONING_REGISTRY_DIR;
  const key = options.key ?? process.env.PROVISIONING_REGISTRY_KEY;
  if (!registry || !key) {
    logger.error(
      'publish needs --registry DIR and --key KEYFILE (or PROVISIONING_REGISTRY_DIR / PROVISIONING_REGISTRY_KEY); make a key with `provisioning registry keygen`.',
    );
    return { success: false };
  }
  const parsed = parseManifest(readFileSync(join(context.root, options.manifest), 'utf8'), options.manifest);
  if (!parsed.ok) {
    logger.error(formatProblems(parsed.problems));
    return { success: false };
  }
  const id = extensionId(parsed.value.kind, parsed.value.name);
  const tarball = join(
    context.root,
    options.packagesPath ?? 'dist/packages',
    id,
    `${id}-${parsed.value.version}.tgz`,
  );
  if (!existsSync(tarball)) {
    logger.error(
      `${tarball} not found; run \`nx run ${id}:package\` first (the publish target depends on it).`,
    );
    return { success: false };
  }
  const keyFile = resolve(process.cwd(), key);
  try {
    const published = await publishToDirectory(
      resolve(process.cwd(), registry),
      readFileSync(tarball),
      privateKeyObject(readFileSync(keyFile, 'utf8'), keyFile),
    );
    logger.info(
      `published ${published.kind} ${published.name}@${published.version} -> ${published.tarball} (sha256 ${published.sha256}, key ${published.keyId})`,
    );
    return { success: true };
  } catch (error) {
    logger.error(
      error instanceof ExtensionError
        ? `${error.message}${error.hint ? `\n${error.hint}` : ''}`
        : (error as Error).message,
    );
    return { success: false };
  }
};

export default runExecutor;

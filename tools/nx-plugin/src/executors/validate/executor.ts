import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import { CORE_VERSION } from '@provisioning/sdk';
import { findExtensionManifests } from '../../lib/find-extension-manifests';
import { validateExtension } from '../../lib/validate-extension';
import type { ValidateExecutorSchema } from './schema';

const runExecutor: PromiseExecutor<ValidateExecutorSchema> = async (options, context) => {
  let text: string;
  try {
    text = readFileSync(join(context.root, options.manifest), 'utf8');
  } catch {
    logger.error(
      `${options.manifest}: cannot read the manifest; check the "manifest" option of the validate target.`,
    );
    return { success: false };
  }
  const result = validateExtension(
    options.manifest,
    text,
    CORE_VERSION,
    findExtensionManifests(context.root),
  );
  if (!result.ok) {
    for (const error of result.errors) logger.error(error);
    return { success: false };
  }
  const { kind, name, version, core } = result.manifest;
  logger.info(`${kind} ${name}@${version}: manifest valid, core ${CORE_VERSION} satisfies ${core}`);
  return { success: true };
};

export default runExecutor;

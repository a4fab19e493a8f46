import { basename, join } from 'node:path';
import { logger, type PromiseExecutor } from '@nx/devkit';
import { BUILTIN_TEMPLATES } from '@provisioning/extensions';
import { explainStaleEmbedding } from '../../lib/embedded-freshness';
import { readTemplateFromDisk } from '../../lib/read-template';
import { validateRenderedTemplate } from '../../lib/validate-rendered-template';
import type { ValidateTemplateExecutorSchema } from './schema';

const runExecutor: PromiseExecutor<ValidateTemplateExecutorSchema> = async (options, context) => {
  let source;
  try {
    source = readTemplateFromDisk(join(context.root, options.template));
  } catch (error) {
    logger.error(
      `${options.template}: cannot read the template (${(error as Error).message}); it needs template.yaml and files/.`,
    );
    return { success: false };
  }
  let success = true;
  for (const check of validateRenderedTemplate(source)) {
    if (check.ok) logger.info(`${options.template}: renders a valid workspace for infra "${check.infra}"`);
    else {
      success = false;
      logger.error(`${options.template}: the workspace rendered for infra "${check.infra}" is invalid:`);
      for (const problem of check.problems) logger.error(`  ${problem}`);
    }
  }
  if (options.checkEmbedded ?? true) {
    const stale = explainStaleEmbedding(basename(options.template), source, BUILTIN_TEMPLATES);
    if (stale) {
      success = false;
      logger.error(`${options.template}: ${stale}`);
    }
  }
  return { success };
};

export default runExecutor;

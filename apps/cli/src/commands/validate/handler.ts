import { relative } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode } from '../../cli/errors';
import { knownProviders, knownTaskservs } from '../../engine/taskserv-lookup';
import { workspaceRootFor } from '../../engine/workspace-root';
import { renderValidationReport, toValidationResult } from './render';

export async function run(ctx: CommandContext): Promise<number> {
  const { formatDiagnostic, validateWorkspace, writeJsonSchemas } = await import('@provisioning/config');
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  const report = validateWorkspace(root, {
    infra: ctx.options['infra'] as string | undefined,
    env: ctx.env,
    taskservLookup: await knownTaskservs(root, ctx.env),
    providers: await knownProviders(),
  });
  if (ctx.options['writeSchemas']) {
    for (const path of writeJsonSchemas(root)) ctx.out.info(`wrote ${relative(root, path)}`);
  }
  ctx.out.result(toValidationResult(report), (result, style) =>
    renderValidationReport(result, style, formatDiagnostic),
  );
  return report.ok ? ExitCode.ok : ExitCode.error;
}

import { relative } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode } from '../../cli/errors';
import { knownProviders, knownTaskservs } from '../../engine/taskserv-lookup';
import { workspaceRootFor } from '../../engine/workspace-root';
import { renderValidationReport, toValidationResult } from './render';

export async function run(ctx: CommandContext): Promise<number> {
  const { formatDiagnostic, sortDiagnostics, validateWorkflowFiles, validateWorkspace, writeJsonSchemas } =
    await import('@provisioning/config');
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
  // Workflow files belong to the workspace, not to one infra: --infra leaves them out.
  const workflows = ctx.options['infra'] ? undefined : validateWorkflowFiles(root);
  const result = toValidationResult(
    report,
    workflows && {
      files: workflows.files.length,
      diagnostics: sortDiagnostics([...report.diagnostics, ...workflows.diagnostics]),
    },
  );
  ctx.out.result(result, (value, style) => renderValidationReport(value, style, formatDiagnostic));
  return result.ok ? ExitCode.ok : ExitCode.error;
}

import type { LayeredValues } from '@provisioning/config';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, ExitCode } from '../../../cli/errors';
import { knownProviders, knownTaskservs } from '../../../engine/taskserv-lookup';
import { workspaceRootFor } from '../../../engine/workspace-root';
import { renderConfigShow, type ConfigShowResult } from './render';

async function infraFor(
  root: string | undefined,
  requested: string | undefined,
  ctx: CommandContext,
): Promise<{ infra?: string; taskservs?: Record<string, LayeredValues> }> {
  if (!root) return { infra: requested };
  const { validateWorkspace } = await import('@provisioning/config');
  const report = validateWorkspace(root, {
    infra: requested,
    env: ctx.env,
    taskservLookup: await knownTaskservs(root, ctx.env),
    providers: await knownProviders(),
  });
  const infra = requested ?? report.workspace?.default_infra;
  if (!report.workspace) {
    ctx.out.warn(
      `the workspace has ${report.errors} error(s), so taskserv params are not shown; run 'provisioning validate'`,
    );
    return { infra };
  }
  const model = infra ? report.workspace.infras[infra] : undefined;
  return {
    infra,
    taskservs: model ? Object.fromEntries(model.taskservs.map((t) => [t.name, t.resolved])) : undefined,
  };
}

export async function run(ctx: CommandContext): Promise<number> {
  const { resolveSettings } = await import('@provisioning/config');
  const root = await workspaceRootFor(ctx, { required: false });
  const requested = ctx.options['infra'] as string | undefined;
  if (requested && !root)
    throw new CliError('--infra needs a workspace', 'run inside a workspace or pass --workspace DIR');
  const { infra, taskservs } = await infraFor(root, requested, ctx);
  const resolved = resolveSettings({ workspaceRoot: root, infra, env: ctx.env });
  for (const d of resolved.diagnostics)
    ctx.out.warn(`${d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file} ${d.path}: ${d.message}`);
  const withOrigin = Boolean(ctx.options['origin']);
  const result: ConfigShowResult = {
    workspace: root ?? null,
    infra: infra ?? null,
    settings: resolved.settings as unknown as Record<string, Record<string, unknown>>,
    ...(withOrigin ? { origins: resolved.origins } : {}),
    taskservs: Object.fromEntries(
      Object.entries(taskservs ?? {}).map(([name, layered]) => [
        name,
        withOrigin ? { values: layered.values, origins: layered.origins } : { values: layered.values },
      ]),
    ),
  };
  ctx.out.result(result, renderConfigShow);
  return resolved.diagnostics.some((d) => d.severity === 'error') ? ExitCode.error : ExitCode.ok;
}

import type { ClusterCreateResult, ClusterPlan } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { confirm } from '../../../prompt/confirm';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { interruptSignal } from '../../../prompt/interrupt-signal';
import { progressPrinter } from '../../../render/progress';
import { renderRunResult } from '../../../render/render-run-result';
import { serverProgressPrinter } from '../../../render/server-progress';
import { renderHealth, renderOutputs } from '../render-cluster';

export async function run(ctx: CommandContext): Promise<number> {
  const name = ctx.args[0];
  const handle = await openInfraFor(ctx, {
    infra: ctx.options.infra as string | undefined,
    acceptNewHostKeys: ctx.options.acceptNewHostKeys === true,
  });
  const interrupt = interruptSignal();
  try {
    const plan = await handle.planCluster(name);
    if (ctx.global.check) {
      ctx.out.result(plan, renderClusterPlan);
      return ExitCode.usageOrChanges;
    }
    if (!ctx.global.yes) {
      await confirm(ctx, renderClusterPlan(plan, ctx.out.errStyle), `Build cluster ${name}?`, {
        message: `this would build cluster ${name} and nobody is there to confirm`,
        hint: 'pass --yes to build it, or --check to only see the plan',
      });
    }
    const result = await handle.clusterCreate(name, {
      signal: interrupt.signal,
      onEvent: serverProgressPrinter(ctx.out),
      onRunEvent: progressPrinter(ctx.out, ctx.env),
    });
    ctx.out.result(result, renderCreated);
    return result.healthy ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await handle.close();
  }
}

export function renderClusterPlan(plan: ClusterPlan, style: Style): string {
  const lines = [style.bold(`Cluster ${plan.cluster} (${plan.extension}) in infra ${plan.infra}`)];
  for (const item of plan.create)
    lines.push(
      `  ${style.green('+')} server ${item.name}: ${item.provider}, ${item.zone}, size ${item.plan}, ${item.image}${item.action === 'resume' ? ' (finish interrupted create)' : ''}`,
    );
  plan.roles.forEach((role, index) => {
    const parts = [role.servers.length ? role.servers.join(', ') : '(none)'];
    if (role.joining.length) parts.push(style.green(`joining: ${role.joining.join(', ')}`));
    if (role.leaving.length)
      parts.push(style.red(`leaving (drained, then removed): ${role.leaving.join(', ')}`));
    lines.push(`  ${index + 1}. ${role.name}: ${parts.join('; ')}`);
  });
  return `${lines.join('\n')}\n`;
}

function renderCreated(result: ClusterCreateResult, style: Style): string {
  const parts: string[] = [];
  if (result.servers)
    parts.push(
      `Servers created: ${
        result.servers.servers
          .filter((s) => s.status === 'created')
          .map((s) => `${s.name} (${s.address})`)
          .join(', ') || 'none'
      }`,
    );
  if (result.drained.length) parts.push(`Drained and removed: ${result.drained.join(', ')}`);
  if (result.run) parts.push(renderRunResult(result.run, style).trimEnd());
  if (result.health.length) parts.push(renderHealth(result.health, style));
  if (result.outputs.length) parts.push(renderOutputs(result.outputs));
  parts.push(
    result.healthy
      ? style.green(`Cluster ${result.cluster} is healthy.`)
      : style.red(`Cluster ${result.cluster} is not healthy.`),
  );
  return `${parts.join('\n\n')}\n`;
}

import { apply, plan, type RunPlan } from '@provisioning/engine';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { CliError, ExitCode } from '../../cli/errors';
import { confirm } from '../../session/confirm';
import { asCliError, openInfraSession } from '../../session/infra-session';
import { progressPrinter } from '../../session/progress';
import { renderPlan } from '../../session/render-plan';
import { renderRunResult } from '../../session/render-run-result';
import type { RunOptionValues } from '../../session/run-options';

interface ApplyOptionValues extends RunOptionValues {
  serial?: number;
  maxFailPercent?: number;
  failFast?: boolean;
  plan?: string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as ApplyOptionValues;
  const savedPlan = options.plan ? readPlan(resolve(ctx.cwd, options.plan)) : undefined;
  const session = await openInfraSession(ctx, options);
  try {
    const runContext = session.runContext('install', { onEvent: progressPrinter(ctx.out) });
    if (ctx.global.check) {
      const preview = await plan(runContext);
      ctx.out.result(preview, renderPlan);
      return preview.errors > 0 ? ExitCode.error : preview.changes > 0 ? ExitCode.usageOrChanges : ExitCode.ok;
    }
    if (!ctx.global.yes) {
      const preview = savedPlan ?? (await plan({ ...runContext, onEvent: undefined }));
      if (preview.changes === 0 && preview.errors === 0) {
        ctx.out.result({ status: 'unchanged', plan: preview }, () => 'No changes: every host is as described.');
        return ExitCode.ok;
      }
      await confirm(ctx, renderPlan(preview, ctx.out.errStyle), 'Apply these changes?');
    }
    const result = await apply(runContext, {
      serial: options.serial,
      maxFailPercent: options.maxFailPercent,
      failFast: options.failFast,
      savedPlan,
    });
    ctx.out.result(result, renderRunResult);
    return result.status === 'succeeded' ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await session.close();
  }
}

function readPlan(path: string): RunPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the plan ${path}: ${(error as Error).message}`, "make one with 'provisioning plan --out FILE'");
  }
  const plan = parsed as Partial<RunPlan>;
  if (plan?.version !== 1 || typeof plan.fingerprint !== 'string' || !Array.isArray(plan.hosts)) {
    throw new CliError(`${path} is not a plan saved by 'provisioning plan --out'`, "make one with 'provisioning plan --out FILE'");
  }
  return plan as RunPlan;
}

import type { RunPlan } from '@provisioning/engine';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { CliError, ExitCode, exitCodeFor } from '../../cli/errors';
import { asCliError, openInfraFor } from '../../engine/open-infra-for-command';
import type { ApplyOptionValues } from '../../options/run-options';
import { confirm } from '../../prompt/confirm';
import { interruptSignal } from '../../prompt/interrupt-signal';
import { progressPrinter } from '../../render/progress';
import { renderPlan } from '../../render/render-plan';
import { renderRunResult } from '../../render/render-run-result';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as ApplyOptionValues;
  const savedPlan = options.plan ? readPlan(resolve(ctx.cwd, options.plan)) : undefined;
  const infra = await openInfraFor(ctx, options);
  const interrupt = interruptSignal();
  try {
    const selection = { servers: options.servers, taskservs: options.taskservs };
    if (ctx.global.check) {
      const preview = await infra.plan({
        ...selection,
        onEvent: progressPrinter(ctx.out),
        signal: interrupt.signal,
      });
      ctx.out.result(preview, renderPlan);
      return exitCodeFor({ failed: preview.errors > 0, pending: preview.changes > 0 }, true);
    }
    // What runs is exactly the plan shown (or saved): each host is compared with it and refused if it changed since.
    let shown = savedPlan;
    if (!shown && !ctx.global.yes) shown = await infra.plan({ ...selection, signal: interrupt.signal });
    if (shown && !ctx.global.yes) {
      if (shown.changes === 0 && shown.errors === 0) {
        ctx.out.result({ status: 'unchanged', plan: shown }, () => 'No changes: every host is as described.');
        return ExitCode.ok;
      }
      await confirm(ctx, renderPlan(shown, ctx.out.errStyle), 'Apply these changes?');
    }
    const runOptions = {
      serial: options.serial,
      maxFailPercent: options.maxFailPercent,
      failFast: options.failFast,
      onEvent: progressPrinter(ctx.out),
      signal: interrupt.signal,
    };
    const result = await infra.apply(shown ?? selection, runOptions);
    ctx.out.result(result, renderRunResult);
    return exitCodeFor({ failed: result.status !== 'succeeded' });
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await infra.close();
  }
}

function readPlan(path: string): RunPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(
      `cannot read the plan ${path}: ${(error as Error).message}`,
      "make one with 'provisioning plan --out FILE'",
    );
  }
  const plan = parsed as Partial<RunPlan>;
  if (plan?.version !== 1 || typeof plan.fingerprint !== 'string' || !Array.isArray(plan.hosts)) {
    throw new CliError(
      `${path} is not a plan saved by plan --out`,
      "make one with 'provisioning plan --out FILE'",
    );
  }
  return plan as RunPlan;
}

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { exitCodeFor } from '../../cli/errors';
import { asCliError, openInfraFor } from '../../engine/open-infra-for-command';
import type { PlanOptionValues } from '../../options/run-options';
import { progressPrinter } from '../../render/progress';
import { renderPlan } from '../../render/render-plan';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as PlanOptionValues;
  const infra = await openInfraFor(ctx, options);
  try {
    const result = await infra.plan({
      servers: options.servers,
      taskservs: options.taskservs,
      onEvent: progressPrinter(ctx.out),
    });
    if (options.out) {
      writeFileSync(resolve(ctx.cwd, options.out), `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
      ctx.out.info(`plan saved to ${options.out}; apply it with: provisioning apply --plan ${options.out}`);
    }
    ctx.out.result(result, renderPlan);
    // As terraform plan: 0 whether or not there are changes; --detailed-exitcode tells them apart with 2.
    return exitCodeFor({ failed: result.errors > 0, pending: result.changes > 0 }, options.detailedExitcode);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await infra.close();
  }
}

import { plan } from '@provisioning/engine';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode } from '../../cli/errors';
import { asCliError, openInfraSession } from '../../session/infra-session';
import { progressPrinter } from '../../session/progress';
import { renderPlan } from '../../session/render-plan';
import type { RunOptionValues } from '../../session/run-options';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as RunOptionValues & { out?: string };
  const session = await openInfraSession(ctx, options);
  try {
    const result = await plan(session.runContext('install', { onEvent: progressPrinter(ctx.out) }));
    if (options.out) {
      writeFileSync(resolve(ctx.cwd, options.out), `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
      ctx.out.info(`plan saved to ${options.out}; apply it with: provisioning apply --plan ${options.out}`);
    }
    ctx.out.result(result, renderPlan);
    if (result.errors > 0) return ExitCode.error;
    return result.changes > 0 ? ExitCode.usageOrChanges : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await session.close();
  }
}

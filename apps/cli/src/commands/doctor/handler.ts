import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode } from '../../cli/errors';
import type { CheckResult, DoctorContext } from './checks/check';
import { doctorChecks } from './checks';
import { renderDoctorReport, type DoctorReport } from './render';

export async function run(ctx: CommandContext): Promise<number> {
  const context: DoctorContext = {
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.env.HOME ?? homedir(),
    workspaceOption: ctx.global.workspace ? resolve(ctx.cwd, ctx.global.workspace) : undefined,
  };
  const checks: CheckResult[] = [];
  for (const check of doctorChecks) {
    ctx.out.debug(`checking ${check.title}`);
    checks.push({ id: check.id, title: check.title, ...(await check.run(context)) });
  }
  const report: DoctorReport = {
    ok: checks.every((check) => check.status !== 'error'),
    errors: checks.filter((check) => check.status === 'error').length,
    warnings: checks.filter((check) => check.status === 'warning').length,
    workspace: context.workspaceRoot ?? null,
    checks,
  };
  ctx.out.result(report, renderDoctorReport);
  return report.ok ? ExitCode.ok : ExitCode.error;
}

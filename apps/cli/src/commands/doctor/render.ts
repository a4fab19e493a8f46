import type { Style } from '../../cli/style';
import type { CheckResult } from './checks/check';

export interface DoctorReport {
  ok: boolean;
  errors: number;
  warnings: number;
  workspace: string | null;
  checks: CheckResult[];
}

const MARK = { ok: 'ok  ', warning: 'warn', error: 'FAIL', skipped: 'skip' } as const;

/** Passing checks first, then warnings, then errors, so the last lines on screen are what to fix. */
export function renderDoctorReport(report: DoctorReport, style: Style): string {
  const paint = { ok: style.green, warning: style.yellow, error: style.red, skipped: style.dim } as const;
  const width = Math.max(...report.checks.map((check) => check.title.length));
  const line = (check: CheckResult) => {
    const head = `${paint[check.status](MARK[check.status])}  ${check.title.padEnd(width)}  ${check.detail}`;
    return check.hint ? `${head}\n      ${' '.repeat(width)}  ${style.dim(`→ ${check.hint}`)}` : head;
  };
  const order = ['ok', 'skipped', 'warning', 'error'] as const;
  const lines = order.flatMap((status) => report.checks.filter((check) => check.status === status).map(line));
  const summary = report.ok
    ? style.green(`Ready: ${report.warnings} warning${report.warnings === 1 ? '' : 's'}, no errors.`)
    : style.red(
        `Not ready: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}.`,
      );
  return `${lines.join('\n')}\n\n${summary}\n`;
}

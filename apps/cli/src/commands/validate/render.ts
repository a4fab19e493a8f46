import type { Diagnostic, ValidationReport } from '@provisioning/config';
import type { Style } from '../../cli/style';

export interface ValidationResult {
  ok: boolean;
  workspace: string;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  /** What was checked, when valid: infra name -> counts. */
  infras: Record<string, { servers: number; taskservs: number; clusters: number }>;
}

export function toValidationResult(report: ValidationReport): ValidationResult {
  const infras = Object.fromEntries(
    Object.values(report.workspace?.infras ?? {}).map((infra) => [
      infra.name,
      { servers: infra.servers.length, taskservs: infra.taskservs.length, clusters: infra.clusters.length },
    ]),
  );
  return {
    ok: report.ok,
    workspace: report.root,
    errors: report.errors,
    warnings: report.warnings,
    diagnostics: report.diagnostics,
    infras,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per problem (`file:line:col severity path: message`), then a one-line verdict. */
export function renderValidationReport(
  result: ValidationResult,
  style: Style,
  formatDiagnostic: (d: Diagnostic) => string,
): string {
  const lines = result.diagnostics.map((d) => {
    const text = formatDiagnostic(d);
    return d.severity === 'error'
      ? text.replace(' error ', ` ${style.red('error')} `)
      : text.replace(' warning ', ` ${style.yellow('warning')} `);
  });
  if (result.ok) {
    const infras = Object.entries(result.infras).map(
      ([name, c]) =>
        `${name} (${plural(c.servers, 'server')}, ${plural(c.taskservs, 'taskserv')}, ${plural(c.clusters, 'cluster')})`,
    );
    lines.push(
      style.green(
        `valid${result.warnings ? ` with ${plural(result.warnings, 'warning')}` : ''}: ${infras.length ? infras.join(', ') : 'no infras yet'}`,
      ),
    );
  } else {
    lines.push(
      style.red(`invalid: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

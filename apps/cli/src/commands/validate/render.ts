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
  /** Workflow files checked under workflows/ (absent with --infra). */
  workflows?: number;
}

/**
 * The workspace's report joined with its workflow files' (`validateWorkflowFiles`), when checked:
 * `diagnostics` is both lists merged and sorted.
 */
export function toValidationResult(
  report: ValidationReport,
  workflows?: { files: number; diagnostics: Diagnostic[] },
): ValidationResult {
  const infras = Object.fromEntries(
    Object.values(report.workspace?.infras ?? {}).map((infra) => [
      infra.name,
      { servers: infra.servers.length, taskservs: infra.taskservs.length, clusters: infra.clusters.length },
    ]),
  );
  const diagnostics = workflows?.diagnostics ?? report.diagnostics;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return {
    ok: errors === 0,
    workspace: report.root,
    errors,
    warnings,
    diagnostics,
    infras,
    ...(workflows ? { workflows: workflows.files } : {}),
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
    const workflows = result.workflows ? `; ${plural(result.workflows, 'workflow')}` : '';
    lines.push(
      style.green(
        `valid${result.warnings ? ` with ${plural(result.warnings, 'warning')}` : ''}: ${infras.length ? infras.join(', ') : 'no infras yet'}${workflows}`,
      ),
    );
  } else {
    lines.push(
      style.red(`invalid: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

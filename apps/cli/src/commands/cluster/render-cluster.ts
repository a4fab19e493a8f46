import type { ClusterOutputValue, HealthResult } from '@provisioning/engine';
import type { Style } from '../../cli/style';

export function renderHealth(health: readonly HealthResult[], style: Style): string {
  return health
    .map(
      (check) =>
        `${check.healthy ? style.green('healthy') : style.red('failing')}  ${check.name} (on ${check.server})${check.message ? `: ${check.message}` : ''}`,
    )
    .join('\n');
}

export function renderOutputs(outputs: readonly ClusterOutputValue[]): string {
  const width = Math.max(...outputs.map((output) => output.name.length));
  return outputs
    .map(
      (output) => `${output.name.padEnd(width)}  ${output.file ? `saved to ${output.file}` : output.value}`,
    )
    .join('\n');
}

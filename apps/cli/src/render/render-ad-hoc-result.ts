import type { Style } from '../cli/style';
import type { AdHocResult } from '@provisioning/engine';

/** After the streamed output: why each failed host failed, then `N ok, N failed`. */
export function renderAdHocResult(result: AdHocResult, style: Style): string {
  const lines: string[] = [];
  for (const host of result.hosts) {
    if (host.error) {
      lines.push(style.red(`${host.host}: ${host.error.message}`));
      if (host.error.hint) lines.push(style.dim(`  hint: ${host.error.hint}`));
    } else if (host.code !== 0) {
      lines.push(
        style.red(`${host.host}: ${host.signal ? `killed by ${host.signal}` : `exit ${host.code}`}`),
      );
    }
  }
  const summary = `${result.ok} ok, ${result.failed} failed`;
  lines.push(result.failed > 0 ? style.red(summary) : style.green(summary));
  return `${lines.join('\n')}\n`;
}

import type { ServerEvent } from '@provisioning/engine';
import type { Output } from '../cli/output';

/** Provider progress as lines on stderr (silent with --quiet and --output json). */
export function serverProgressPrinter(out: Output): (event: ServerEvent) => void {
  const s = out.errStyle;
  return (event) => {
    if (event.type === 'server-progress') out.info(`${s.bold(event.server)}: ${event.message}`);
    else if (event.phase === 'failed')
      out.info(
        `${s.bold(event.server)}: ${event.provider} ${event.call} ${s.red('failed')}: ${event.message ?? ''}`,
      );
    else if (event.phase === 'started' && event.call !== 'list')
      out.info(`${s.bold(event.server)}: ${event.provider} ${event.call}...`);
  };
}

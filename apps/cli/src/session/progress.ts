import type { EngineEvent } from '@provisioning/engine';
import type { Output } from '../cli/output';

/**
 * Live progress from engine events, on stderr: a line per changed or failed operation and per
 * finished host, so a terminal and a CI log read the same. Silent with --quiet and with
 * --output json (the result document is all a script gets).
 */
export function progressPrinter(out: Output): (event: EngineEvent) => void {
  const s = out.errStyle;
  return (event) => {
    switch (event.type) {
      case 'run-started':
        out.info(s.bold(`${event.action} on ${event.hosts.length} host${event.hosts.length === 1 ? '' : 's'}: ${event.steps.length} steps${event.runId ? ` (run ${event.runId})` : ''}`));
        return;
      case 'host-started':
        out.info(s.dim(`${event.host}: ${event.steps.join(', ')}`));
        return;
      case 'operation-finished':
        if (event.status === 'changed') out.info(`${event.host}: ${s.yellow('changed')} ${event.operationId}: ${event.summary}`);
        if (event.status === 'failed') out.info(`${event.host}: ${s.red('failed')} ${event.operationId}`);
        return;
      case 'host-finished': {
        const mark = event.status === 'ok' ? s.green('ok') : event.status === 'failed' ? s.red('failed') : s.dim('skipped');
        const detail = event.status === 'ok' ? `${event.changed} changed, ${(event.durationMs / 1000).toFixed(1)}s` : (event.error ?? '');
        out.info(`${event.host}: ${mark} ${detail}`);
        return;
      }
      default:
        return;
    }
  };
}

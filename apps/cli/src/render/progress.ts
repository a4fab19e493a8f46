import type { EngineEvent } from '@provisioning/engine';
import type { Output } from '../cli/output';
import { HostBoard } from './host-board';

/**
 * Progress from engine events, on stderr. In a terminal: a board of one line per host, redrawn
 * in place as hosts plan, apply and finish. Elsewhere (CI, pipes): a line per changed or failed
 * operation and per finished host. Silent with --quiet and with --output json.
 */
export function progressPrinter(
  out: Output,
  env: NodeJS.ProcessEnv = process.env,
): (event: EngineEvent) => void {
  const terminal = out.liveTerminal(env);
  return terminal ? boardPrinter(out, terminal) : linePrinter(out);
}

function boardPrinter(out: Output, terminal: { write(text: string): unknown }): (event: EngineEvent) => void {
  const board = new HostBoard();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const lines = board.render(out.errStyle, process.stderr.columns || 120);
    // Move up over the previous board and clear each line before writing the new one.
    terminal.write(`${drawn ? `\u001b[${drawn}A` : ''}${lines.map((line) => `\u001b[2K${line}\n`).join('')}`);
    drawn = lines.length;
  };
  return (event) => {
    board.update(event);
    if (event.type === 'run-started') {
      out.info(
        out.errStyle.bold(
          `${event.action} on ${event.hosts.length} host${event.hosts.length === 1 ? '' : 's'}${event.runId ? ` (run ${event.runId})` : ''}`,
        ),
      );
      timer = setInterval(draw, 250);
      timer.unref();
    }
    if (event.type === 'run-finished' && timer) clearInterval(timer);
    if (board.size > 0) draw();
  };
}

function linePrinter(out: Output): (event: EngineEvent) => void {
  const s = out.errStyle;
  return (event) => {
    switch (event.type) {
      case 'run-started':
        out.info(
          s.bold(
            `${event.action} on ${event.hosts.length} host${event.hosts.length === 1 ? '' : 's'}: ${event.steps.length} steps${event.runId ? ` (run ${event.runId})` : ''}`,
          ),
        );
        return;
      case 'host-started':
        out.info(s.dim(`${event.host}: ${event.steps.join(', ')}`));
        return;
      case 'operation-finished':
        if (event.status === 'changed')
          out.info(`${event.host}: ${s.yellow('changed')} ${event.operationId}: ${event.summary}`);
        if (event.status === 'failed') out.info(`${event.host}: ${s.red('failed')} ${event.operationId}`);
        return;
      case 'host-finished': {
        const mark =
          event.status === 'ok'
            ? s.green('ok')
            : event.status === 'failed'
              ? s.red('failed')
              : s.dim('skipped');
        const detail =
          event.status === 'ok'
            ? `${event.changed} changed, ${(event.durationMs / 1000).toFixed(1)}s`
            : (event.error ?? '');
        out.info(`${event.host}: ${mark} ${detail}`);
        return;
      }
      default:
        return;
    }
  };
}

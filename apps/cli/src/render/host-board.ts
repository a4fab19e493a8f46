import type { EngineEvent } from '@provisioning/engine';
import type { Style } from '../cli/style';

type HostState = 'waiting' | 'planning' | 'applying' | 'planned' | 'ok' | 'failed' | 'skipped';

interface HostLine {
  state: HostState;
  changed: number;
  /** The last operation that finished here, or why the host failed or was skipped. */
  detail: string;
  startedAt?: number;
  durationMs?: number;
}

/**
 * One line per host that engine events keep current: what it is doing, how many operations it
 * changed, the last one, and how long it took. `render` gives the board as text; the terminal
 * printer redraws it in place.
 *
 * Written here rather than with listr2 (which the project dropped): listr2 runs the tasks it
 * shows, while hosts are run by the engine, which only reports events, so each host would become
 * a listr task waiting on those events, more code than this board; its task tree gives every host
 * a spinner and a subtask per step, where a fleet of hundreds needs one terse line per host; and
 * it would add a dozen packages for what a Map and a redraw do. Plain lines for CI and pipes come
 * from Output.liveTerminal, which decides where a board may redraw at all.
 */
export class HostBoard {
  private readonly hosts = new Map<string, HostLine>();

  update(event: EngineEvent, now = Date.now()): void {
    switch (event.type) {
      case 'run-started':
        for (const host of event.hosts) this.hosts.set(host, { state: 'waiting', changed: 0, detail: '' });
        return;
      case 'host-started':
        this.line(event.host).state = 'planning';
        this.line(event.host).startedAt ??= now;
        return;
      case 'host-planned': {
        const line = this.line(event.host);
        line.startedAt ??= now;
        // In an apply the plan is the host's first step; in a plan it is the last.
        line.state = line.state === 'planning' ? 'applying' : 'planned';
        if (line.state === 'planned') line.durationMs = now - line.startedAt;
        line.detail = `${event.changes} to change${event.errors ? `, ${event.errors} errors` : ''}`;
        return;
      }
      case 'operation-finished': {
        const line = this.line(event.host);
        if (event.status === 'changed') line.changed += 1;
        if (event.status === 'changed' || event.status === 'failed')
          line.detail = `${event.status} ${event.operationId}`;
        return;
      }
      case 'host-finished': {
        const line = this.line(event.host);
        if (line.state !== 'failed') line.state = event.status;
        line.durationMs = line.startedAt !== undefined ? now - line.startedAt : event.durationMs;
        if (event.error) line.detail = event.error;
        return;
      }
      default:
        return;
    }
  }

  get size(): number {
    return this.hosts.size;
  }

  render(style: Style, width = 120, now = Date.now()): string[] {
    const nameWidth = Math.max(4, ...[...this.hosts.keys()].map((host) => host.length));
    const paint: Record<HostState, (text: string) => string> = {
      waiting: style.dim,
      planning: style.yellow,
      applying: style.yellow,
      planned: style.green,
      ok: style.green,
      failed: style.red,
      skipped: style.dim,
    };
    return [...this.hosts].map(([host, line]) => {
      const elapsed = line.durationMs ?? (line.startedAt !== undefined ? now - line.startedAt : undefined);
      const time = elapsed === undefined ? '' : `${(elapsed / 1000).toFixed(1)}s`;
      const head = `${host.padEnd(nameWidth)}  ${line.state.padEnd(8)}  ${String(line.changed).padStart(3)} changed  ${time.padStart(6)}  `;
      const detail = line.detail.slice(0, Math.max(0, width - head.length - 1));
      return `${host.padEnd(nameWidth)}  ${paint[line.state](line.state.padEnd(8))}  ${String(line.changed).padStart(3)} changed  ${time.padStart(6)}  ${style.dim(detail)}`;
    });
  }

  private line(host: string): HostLine {
    let line = this.hosts.get(host);
    if (!line) this.hosts.set(host, (line = { state: 'waiting', changed: 0, detail: '' }));
    return line;
  }
}

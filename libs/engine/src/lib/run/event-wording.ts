import type { EngineEvent } from './engine-events';

/** The one-line message the run log stores for an event (the event itself is kept as data beside it). */
export function describeEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'run-started':
      return `${event.action} ${event.steps.length} steps on ${event.hosts.length} hosts`;
    case 'host-started':
      return `wave ${event.wave}: ${event.steps.join(', ')}`;
    case 'host-planned':
      return `${event.changes} to change, ${event.errors} errors`;
    case 'host-finished':
      return `${event.status}, ${event.changed} changed${event.error ? `: ${event.error}` : ''}`;
    case 'run-finished':
      return `${event.status} in ${event.durationMs} ms${event.stoppedBecause ? ` (${event.stoppedBecause})` : ''}`;
    default:
      return event.type;
  }
}

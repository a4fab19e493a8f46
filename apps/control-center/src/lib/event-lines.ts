import type { StepStatus, WorkflowEvent } from './api-types';

export type Tone = 'good' | 'bad' | 'warn' | 'plain';

/** One log line for an event: `12:01:03 step-succeeded b (attempt 1, 1.2s)`, as `provisioning workflow logs` prints it. */
export function eventLine(event: WorkflowEvent): { text: string; tone: Tone } {
  const at = new Date(event.at).toISOString().slice(11, 19);
  const data = (event.data ?? {}) as {
    attempt?: number;
    durationMs?: number | null;
    error?: { message?: string };
    retryAt?: string;
    because?: string;
  };
  const live = liveLine(event);
  if (live !== undefined) return { text: `${at} ${live.text}`, tone: live.tone };
  const details = [
    data.attempt !== undefined ? `attempt ${data.attempt}` : undefined,
    typeof data.durationMs === 'number' ? `${(data.durationMs / 1000).toFixed(1)}s` : undefined,
    data.retryAt ? `retry at ${data.retryAt.slice(11, 19)}` : undefined,
    data.because ? `because ${data.because} did not succeed` : undefined,
  ].filter(Boolean);
  const step = event.stepId ? ` ${event.stepId}${event.phase === 'rollback' ? ' (rollback)' : ''}` : '';
  const error = data.error?.message ? `: ${data.error.message}` : '';
  const tone: Tone = /failed|cancel|skipped|lost|expired/.test(event.type)
    ? 'bad'
    : /succeeded|rolled-back/.test(event.type)
      ? 'good'
      : 'plain';
  return {
    text: `${at} ${event.type}${step}${details.length ? ` (${details.join(', ')})` : ''}${error}`,
    tone,
  };
}

/**
 * What a running step reported (docs/orchestrator.md, "Events"), as `provisioning workflow logs`
 * prints it: `b web-1 | the line`, `b web-1 nginx changed ...`; undefined for other events.
 */
function liveLine(event: WorkflowEvent): { text: string; tone: Tone } | undefined {
  const step = `${event.stepId ?? ''}${event.phase === 'rollback' ? ' (rollback)' : ''}`;
  const data = (event.data ?? {}) as {
    host?: string;
    stream?: string;
    line?: string;
    event?: string;
    operation?: string;
    status?: string;
    summary?: string;
    changed?: number;
    error?: string;
    dropped?: number;
    kept?: number;
  };
  const tone: Tone = data.status === 'failed' ? 'bad' : 'plain';
  switch (event.type) {
    case 'step-output':
      return {
        text: `${step} ${data.host} | ${data.line ?? ''}`,
        tone: data.stream === 'stderr' ? 'warn' : 'plain',
      };
    case 'step-progress':
      if (data.event === 'operation-finished')
        return {
          text: `${step} ${data.host} ${data.operation} ${data.status ?? ''}${data.summary ? ` ${data.summary}` : ''}`,
          tone,
        };
      if (data.event === 'host-finished')
        return {
          text: `${step} ${data.host} host-finished ${data.status ?? ''} (${data.changed ?? 0} changed)${data.error ? `: ${data.error}` : ''}`,
          tone,
        };
      return { text: `${step} ${data.host} ${data.event ?? ''}`, tone };
    case 'step-output-truncated':
      return {
        text: `${step}: ${data.dropped} more lines not recorded (the first ${data.kept} are)`,
        tone: 'plain',
      };
    default:
      return undefined;
  }
}

/** The status a step has after this event, if the event changes it. */
export function stepStatusAfter(event: WorkflowEvent): StepStatus | undefined {
  switch (event.type) {
    case 'step-started':
      return 'running';
    case 'step-succeeded':
      return 'succeeded';
    case 'step-failed':
      return 'failed';
    case 'step-skipped':
      return 'skipped';
    case 'step-cancelled':
      return 'cancelled';
    case 'step-retry-scheduled':
    case 'step-interrupted':
    case 'step-lease-expired':
      return 'ready';
    default:
      return undefined;
  }
}

import type { StepStatus, WorkflowEvent } from './api-types';

export type Tone = 'good' | 'bad' | 'plain';

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
  const output = outputText(event);
  if (output !== undefined) {
    const host = typeof event.data?.host === 'string' ? ` ${event.data.host}` : '';
    return { text: `${at} ${event.stepId ?? ''}${host} | ${output.replace(/\n$/, '')}`, tone: 'plain' };
  }
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

/** The text an output event carries (a step's live stdout/stderr), if it is one. */
function outputText(event: WorkflowEvent): string | undefined {
  if (!/output/.test(event.type)) return undefined;
  for (const key of ['text', 'chunk', 'line', 'output'])
    if (typeof event.data?.[key] === 'string') return event.data[key] as string;
  return undefined;
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

import type { StepRecord, WorkflowDetail, WorkflowEvent, WorkflowRecord } from '@provisioning/engine';
import type { Style } from '../../cli/style';

const FINAL_GOOD = new Set(['succeeded', 'rolled_back']);
const FINAL_BAD = new Set(['failed', 'rollback_failed', 'cancelled']);

export function paintStatus(status: string, style: Style): string {
  return FINAL_GOOD.has(status)
    ? style.green(status)
    : FINAL_BAD.has(status)
      ? style.red(status)
      : style.yellow(status);
}

export function renderWorkflowLine(workflow: WorkflowRecord, style: Style): string {
  const counts = Object.entries(workflow.counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return `${workflow.id}  ${workflow.name}  ${paintStatus(workflow.status, style)}  ${counts}`;
}

export function renderWorkflowDetail(detail: WorkflowDetail, style: Style): string {
  const lines = [renderWorkflowLine(detail.workflow, style)];
  for (const step of detail.steps) lines.push(renderStep(step, style));
  return `${lines.join('\n')}\n`;
}

function renderStep(step: StepRecord, style: Style): string {
  const phase = step.phase === 'rollback' ? style.dim(' (rollback)') : '';
  const attempts = step.attempt > 1 ? style.dim(` attempt ${step.attempt}`) : '';
  const took = step.durationMs !== undefined ? style.dim(` ${(step.durationMs / 1000).toFixed(1)}s`) : '';
  const error = step.error
    ? `\n      ${style.red(step.error.message)}${step.error.hint ? `\n      ${style.dim(`hint: ${step.error.hint}`)}` : ''}`
    : '';
  return `  ${paintStatus(step.status, style).padEnd(9)} ${step.id}${phase}${attempts}${took}${error}`;
}

/**
 * One event as a progress line: `12:01:03 step-succeeded b (attempt 1, 1.2s)`; a running step's
 * output as `12:01:03 b web-1 | the line` and its hosts' progress as `12:01:03 b web-1 host-finished ok`.
 */
export function renderEvent(event: WorkflowEvent, style: Style): string {
  const at = new Date(event.at).toISOString().slice(11, 19);
  const live = renderLiveEvent(event, style);
  if (live !== undefined) return `${style.dim(at)} ${live}`;
  const data = (event.data ?? {}) as {
    attempt?: number;
    durationMs?: number;
    error?: { message?: string };
    retryAt?: string;
    because?: string;
  };
  const details = [
    data.attempt !== undefined ? `attempt ${data.attempt}` : undefined,
    data.durationMs !== undefined && data.durationMs !== null
      ? `${(data.durationMs / 1000).toFixed(1)}s`
      : undefined,
    data.retryAt ? `retry at ${data.retryAt.slice(11, 19)}` : undefined,
    data.because ? `because ${data.because} did not succeed` : undefined,
  ].filter(Boolean);
  const type = /failed|cancel|skipped|lost|expired/.test(event.type)
    ? style.red(event.type)
    : /succeeded|rolled-back/.test(event.type)
      ? style.green(event.type)
      : event.type;
  const step = event.stepId ? ` ${event.stepId}${event.phase === 'rollback' ? ' (rollback)' : ''}` : '';
  const error = data.error?.message ? `: ${data.error.message}` : '';
  return `${style.dim(at)} ${type}${step}${details.length ? style.dim(` (${details.join(', ')})`) : ''}${error}`;
}

/** What a running step reported (docs/orchestrator.md, "Events"), or undefined for other events. */
function renderLiveEvent(event: WorkflowEvent, style: Style): string | undefined {
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
  switch (event.type) {
    case 'step-output':
      return `${step} ${data.host} ${style.dim('|')} ${data.stream === 'stderr' ? style.yellow(data.line ?? '') : data.line}`;
    case 'step-progress': {
      const failed = data.status === 'failed';
      const status = failed ? style.red(data.status ?? '') : (data.status ?? '');
      if (data.event === 'operation-finished')
        return `${step} ${data.host} ${data.operation} ${status}${data.summary ? style.dim(` ${data.summary}`) : ''}`;
      if (data.event === 'host-finished')
        return `${step} ${data.host} host-finished ${status}${style.dim(` (${data.changed ?? 0} changed)`)}${data.error ? `: ${data.error}` : ''}`;
      return `${step} ${data.host} ${data.event}`;
    }
    case 'step-output-truncated':
      return style.dim(`${step}: ${data.dropped} more lines not recorded (the first ${data.kept} are)`);
    default:
      return undefined;
  }
}

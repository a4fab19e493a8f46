import { h } from '../lib/dom';

/** A status as a badge: its word (never colour alone) on a colour of its outcome. */
export function statusBadge(status: string): HTMLElement {
  const tone = /succeeded|rolled_back/.test(status)
    ? 'good'
    : /failed|cancel/.test(status)
      ? 'bad'
      : status === 'running' || status === 'rolling_back'
        ? 'busy'
        : 'idle';
  return h('span', { class: `badge ${tone}`, 'data-status': status }, status.replace('_', ' '));
}

/** A time as the reader's local date and time, with the exact instant in a <time> element. */
export function when(iso: string): HTMLElement {
  const date = new Date(iso);
  return h(
    'time',
    { datetime: iso, title: iso },
    date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
  );
}

export function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`;
}

/** A message for an error the API (or the network) gave, with its hint. */
export function errorNotice(error: unknown): HTMLElement {
  const { message, hint } = error as { message: string; hint?: string };
  return h(
    'div',
    { class: 'notice bad', role: 'alert' },
    h('p', {}, message),
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
}

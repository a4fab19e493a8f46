import { redact } from '@provisioning/sdk';
import { handlerFor } from '../../kinds/registry';
import type { PlannedOperation } from '../plan';

/** Facts that stand for a file's content: told as "content", never shown (they may be secret). */
const CONTENT_KEYS = new Set(['content', 'sha256', 'size']);

/**
 * The names of the facts that differ (sorted), and what differs between the facts an operation was planned from and the facts the host printed
 * now, in words: "/etc/app.ini: content changed, mode 0644 -> 0600". Values are shown only for
 * short attributes (type, mode, owner, state); content never is.
 */
export function describeFactsChange(
  op: PlannedOperation,
  observedNow: string,
  secrets: readonly string[],
): { text: string; facts: string[] } {
  const handler = handlerFor(op.operation);
  const at = observedNow.lastIndexOf('rc=');
  const text = at < 0 ? observedNow : observedNow.slice(0, at);
  const target = handler.paths(op.operation)[0] ?? op.id;
  let now: Record<string, unknown>;
  try {
    now = handler.parseFacts(text, op.operation) as Record<string, unknown>;
  } catch {
    return { text: `${target}: facts changed`, facts: [] };
  }
  const before = (op.facts ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  let content = false;
  const facts: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const a = comparable(before[key]);
    const b = comparable(now[key]);
    if (a === b) continue;
    facts.push(key);
    if (CONTENT_KEYS.has(key)) content = true;
    else if (isShort(before[key]) && isShort(now[key]))
      parts.push(`${key} ${show(before[key])} -> ${show(now[key])}`);
    else parts.push(`${key} changed`);
  }
  if (content) parts.unshift('content changed');
  return {
    text: redact(`${target}: ${parts.length ? parts.join(', ') : 'facts changed'}`, secrets),
    facts: facts.sort(),
  };
}

const comparable = (value: unknown) => JSON.stringify(value instanceof Map ? [...value] : value);
const isShort = (value: unknown) =>
  value === undefined ||
  ((typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
    String(value).length <= 40);
const show = (value: unknown) => (value === undefined ? '-' : String(value));

import type { WorkflowRetry } from '@provisioning/config';

/** A step failure with the class a retry policy matches (`retry.on`). */
export class StepFailure extends Error {
  override name = 'StepFailure';
  constructor(
    message: string,
    readonly errorClass: 'connection' | 'timeout' | 'exit' | 'stale' | 'cancelled' | 'error',
    readonly hint?: string,
    readonly outputs?: unknown,
  ) {
    super(message);
  }
}

/**
 * When the next attempt may start, or undefined when the failure is final: the policy allows no
 * more tries or does not cover this class. Exponential backoff (`backoff` · 2^(try−1), at most
 * `max_backoff`), with full jitter (a random wait up to that) unless turned off.
 */
export function nextAttemptAt(
  retry: WorkflowRetry | undefined,
  tries: number,
  errorClass: string,
  now = Date.now(),
  random = Math.random,
): Date | undefined {
  if (!retry || tries >= retry.attempts) return undefined;
  if (!retry.on.includes('any') && !(retry.on as readonly string[]).includes(errorClass)) return undefined;
  const ceiling = Math.min(retry.max_backoff, retry.backoff * 2 ** (tries - 1)) * 1000;
  return new Date(now + Math.round(retry.jitter ? random() * ceiling : ceiling));
}

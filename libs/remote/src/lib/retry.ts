/**
 * Retry policy: how often and how patiently to try again. The pool retries connecting by default
 * (a host that is still booting); it retries commands only when the caller asks, because only the
 * caller knows whether a command is idempotent.
 */
export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Fraction of each delay randomised (0..1) so a fleet does not retry in lockstep. */
  jitter?: number;
}

export const DEFAULT_CONNECT_RETRY: Required<RetryPolicy> = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  jitter: 0.3,
};
export const NO_RETRY: Required<RetryPolicy> = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

/** Delay before attempt number `attempt` (2 for the first retry): exponential, capped, jittered. */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = policy.baseDelayMs ?? DEFAULT_CONNECT_RETRY.baseDelayMs;
  const max = policy.maxDelayMs ?? DEFAULT_CONNECT_RETRY.maxDelayMs;
  const jitter = Math.min(Math.max(policy.jitter ?? DEFAULT_CONNECT_RETRY.jitter, 0), 1);
  const exponential = Math.min(base * 2 ** Math.max(attempt - 2, 0), max);
  return Math.round(exponential * (1 - jitter + 2 * jitter * random()));
}

/** Runs `attempt` until it succeeds, `shouldRetry` says no, or attempts run out. */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  onRetry?: (attemptNumber: number, delayMs: number, error: unknown) => void,
  signal?: AbortSignal,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= policy.attempts || !shouldRetry(error) || signal?.aborted) throw error;
      const delayMs = backoffDelayMs(policy, attemptNumber + 1);
      onRetry?.(attemptNumber + 1, delayMs, error);
      await sleep(delayMs, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

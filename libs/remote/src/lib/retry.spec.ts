import { backoffDelayMs, withRetry } from './retry';

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the cap when jitter is off', () => {
    const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0 };
    expect([2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(policy, attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('keeps jittered delays within ±jitter of the exponential value', () => {
    const policy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000, jitter: 0.5 };
    expect(backoffDelayMs(policy, 2, () => 0)).toBe(500);
    expect(backoffDelayMs(policy, 2, () => 0.999999)).toBe(1_500);
  });
});

describe('withRetry', () => {
  it('retries only errors the predicate accepts, up to the number of attempts', async () => {
    const calls: number[] = [];
    const result = await withRetry(
      { attempts: 3, baseDelayMs: 1, jitter: 0 },
      async (attempt) => {
        calls.push(attempt);
        if (attempt < 3) throw new Error('transient');
        return 'done';
      },
      () => true,
    );
    expect(result).toBe('done');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('rethrows at once when the predicate refuses the error', async () => {
    let calls = 0;
    const failing = withRetry(
      { attempts: 5, baseDelayMs: 1 },
      async () => {
        calls++;
        throw new Error('permanent');
      },
      () => false,
    );
    await expect(failing).rejects.toThrow('permanent');
    expect(calls).toBe(1);
  });
});

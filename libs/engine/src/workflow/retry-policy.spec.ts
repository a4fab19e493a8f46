import { nextAttemptAt } from './retry-policy';

const policy = {
  attempts: 4,
  backoff: 2,
  max_backoff: 5,
  jitter: false,
  on: ['connection' as const, 'timeout' as const],
};

describe('nextAttemptAt', () => {
  it('doubles the wait after each try, up to max_backoff', () => {
    expect(
      [1, 2, 3].map((tries) => (nextAttemptAt(policy, tries, 'connection', 0) as Date).getTime()),
    ).toEqual([2000, 4000, 5000]);
  });

  it('gives up once the attempts are used, and for a class the policy does not retry', () => {
    expect(nextAttemptAt(policy, 4, 'connection', 0)).toBeUndefined();
    expect(nextAttemptAt(policy, 1, 'exit', 0)).toBeUndefined();
    expect(nextAttemptAt({ ...policy, on: ['any'] }, 1, 'exit', 0)).toEqual(new Date(2000));
    expect(nextAttemptAt(undefined, 1, 'connection', 0)).toBeUndefined();
  });

  it('waits a random time up to the backoff with jitter', () => {
    expect(nextAttemptAt({ ...policy, jitter: true }, 2, 'timeout', 0, () => 0.25)).toEqual(new Date(1000));
  });
});

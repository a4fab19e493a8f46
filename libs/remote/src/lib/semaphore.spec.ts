import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('grants up to the limit and queues the rest in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const releases = await Promise.all([semaphore.acquire(), semaphore.acquire()]);
    const waiting = [3, 4].map((n) => semaphore.acquire().then((release) => (order.push(n), release)));
    expect({ inUse: semaphore.inUse, queued: semaphore.queued }).toEqual({ inUse: 2, queued: 2 });
    releases[0]?.();
    releases[1]?.();
    (await Promise.all(waiting)).forEach((release) => release());
    expect(order).toEqual([3, 4]);
    expect(semaphore.inUse).toBe(0);
  });

  it('ignores a second call of the same release', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('drops a waiter whose signal aborts, without taking a slot', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(semaphore.queued).toBe(0);
    held();
    expect(semaphore.inUse).toBe(0);
  });
});

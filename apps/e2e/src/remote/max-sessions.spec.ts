import { describeOnTestbed } from '../support/on-testbed';
import { useRootPool } from '../support/remote-pool';

describeOnTestbed('MaxSessions queueing on one connection', (testbed) => {
  const on = useRootPool(testbed, 1);

  it('the host sshd allows 10 sessions per connection (the default a real server has)', async () => {
    const result = await on.recorded.pool.exec(on.host, 'sshd -T | grep -i "^maxsessions"');
    expect(result.stdout.trim()).toBe('maxsessions 10');
  });

  it('runs 50 concurrent commands on one host by queueing past MaxSessions, each with its own output', async () => {
    let peakOpen = 0;
    let peakQueued = 0;
    const sampling = setInterval(() => {
      const { open, queued } = on.recorded.pool.load(on.host);
      peakOpen = Math.max(peakOpen, open);
      peakQueued = Math.max(peakQueued, queued);
    }, 20);
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => on.recorded.pool.exec(on.host, `sleep 0.2; echo command-${i}`)),
      );
      expect(results.map((result) => result.code)).toEqual(Array(50).fill(0));
      expect(results.map((result) => result.stdout)).toEqual(
        Array.from({ length: 50 }, (_, i) => `command-${i}\n`),
      );
    } finally {
      clearInterval(sampling);
    }
    expect(peakOpen).toBeLessThanOrEqual(10);
    expect(peakQueued).toBeGreaterThan(0);
    expect(on.recorded.events.filter((event) => event.type === 'connect')).toHaveLength(1);
    console.log(
      `MaxSessions: 50 commands, peak ${peakOpen} channels open, peak ${peakQueued} queued, one connection`,
    );
  });
});

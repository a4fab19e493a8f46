import { checkQuotingRoundTrip, generateFuzzStrings } from '@provisioning/remote';
import { describeOnTestbed } from '../support/on-testbed';
import { useRootPool } from '../support/remote-pool';

const SEED = 20_260_101;

describeOnTestbed('shell quoting fuzz against a real bash', (testbed) => {
  const on = useRootPool(testbed, 1);

  it('round-trips 10,000 hostile strings byte-exact through quote() and the remote shell', async () => {
    const strings = generateFuzzStrings({ seed: SEED, count: 10_000 });
    const report = await checkQuotingRoundTrip(on.recorded.pool.executor(on.host), strings);
    console.log(
      `quoting fuzz: ${report.checked} strings (seed ${SEED}) in ${report.batches} commands, ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    expect(report.checked).toBe(10_000);
    expect(report.mismatches.slice(0, 5)).toEqual([]);
  });
});

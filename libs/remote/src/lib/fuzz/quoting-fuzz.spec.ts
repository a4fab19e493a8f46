import { startLoopbackSshd, type LoopbackSshd } from '../../testing/loopback-sshd';
import { createLocalExecutor } from '../local/local-executor';
import { ConnectionPool } from '../pool/connection-pool';
import { checkQuotingRoundTrip, generateFuzzStrings, seededRandom } from './quoting-fuzz';

describe('generateFuzzStrings', () => {
  it('is reproducible: the same seed gives the same strings, another seed different ones', () => {
    expect(generateFuzzStrings({ seed: 42, count: 200 })).toEqual(
      generateFuzzStrings({ seed: 42, count: 200 }),
    );
    expect(generateFuzzStrings({ seed: 43, count: 200 })).not.toEqual(
      generateFuzzStrings({ seed: 42, count: 200 }),
    );
  });

  it('covers quotes, shell metacharacters, newlines and non-ASCII, and never NUL', () => {
    const joined = generateFuzzStrings({ seed: 7, count: 2_000 }).join('');
    for (const needle of ["'", '"', ';', '|', '&', '$', '(', ')', '`', '\n', '\\', '😀', 'é'])
      expect(joined).toContain(needle);
    expect(joined).not.toContain('\0');
  });

  it('spreads seededRandom over [0, 1)', () => {
    const random = seededRandom(1);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.filter((value) => value < 0.5).length).toBeGreaterThan(4_500);
  });
});

describe('checkQuotingRoundTrip', () => {
  it('reports a mismatch when the host does not echo the bytes back', async () => {
    const lying = {
      host: 'liar',
      exec: async (_: string, options?: { onStdout?: (chunk: Buffer) => void }) => {
        options?.onStdout?.(Buffer.from('wrong\0'));
        return { code: 0, stdout: 'wrong\0', stderr: '', durationMs: 1 };
      },
    };
    const report = await checkQuotingRoundTrip(lying, ['right']);
    expect(report.mismatches).toEqual([{ index: 0, expected: 'right', actual: 'wrong' }]);
  });

  it('round-trips 10,000 hostile strings byte-exact through printf %s on the local /bin/sh', async () => {
    const report = await checkQuotingRoundTrip(
      createLocalExecutor(),
      generateFuzzStrings({ seed: 2026, count: 10_000 }),
    );
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBe(10_000);
  });
});

describe('quoting fuzz over SSH', () => {
  let sshd: LoopbackSshd;
  let pool: ConnectionPool;
  beforeAll(async () => {
    sshd = await startLoopbackSshd();
    pool = new ConnectionPool({ hosts: [sshd.hostSpec({ name: 'fuzz' })] });
  });
  afterAll(async () => {
    await pool?.close();
    await sshd?.stop();
  });

  it('round-trips 10,000 seeded hostile strings byte-exact through printf %s on a real sshd', async () => {
    const strings = generateFuzzStrings({ seed: 4, count: 10_000 });
    const report = await checkQuotingRoundTrip(pool.executor('fuzz'), strings, {
      batchSize: 250,
      concurrency: 4,
    });
    console.log(
      `quoting fuzz over ssh: ${report.checked} strings in ${report.batches} commands, ${report.durationMs.toFixed(0)} ms`,
    );
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBe(10_000);
  });
});

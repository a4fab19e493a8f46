import { run } from './run';

describe('run', () => {
  it('returns the output of a program that succeeds', async () => {
    expect(await run('printf', ['%s', 'ok'])).toEqual({ stdout: 'ok', stderr: '' });
  });

  it('names the command and its exit code when it fails', async () => {
    await expect(run('sh', ['-c', 'echo broken >&2; exit 3'])).rejects.toThrow(
      '`sh -c echo broken >&2; exit 3` failed (exit 3): broken',
    );
  });

  it('kills a program that outlives its timeout instead of waiting for it forever', async () => {
    await expect(run('sleep', ['30'], { timeoutMs: 200 })).rejects.toThrow(
      '`sleep 30` did not finish within 200 ms and was killed',
    );
  });
});

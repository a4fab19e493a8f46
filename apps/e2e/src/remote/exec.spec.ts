import { CommandAbortedError, CommandTimeoutError } from '@provisioning/remote';
import { command, quote } from '@provisioning/sdk';
import { randomBytes } from 'node:crypto';
import { describeOnTestbed } from '../support/on-testbed';
import { type RecordedPool, useRootPool } from '../support/remote-pool';
import { pgrepTag } from '../support/host-processes';
import { waitUntil } from '../support/wait-until';

describeOnTestbed('remote exec on a real host', (testbed) => {
  const on = useRootPool(testbed, 1);
  const exec = (line: string, options?: Parameters<RecordedPool['pool']['exec']>[2]) =>
    on.recorded.pool.exec(on.host, line, options);
  const marker = () => `e2e-${randomBytes(6).toString('hex')}`;

  it('returns exit code, stdout and stderr of a command', async () => {
    const result = await exec('echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('passes env, cwd and stdin to the command', async () => {
    const result = await exec('printf "%s|%s|" "$GREETING" "$(pwd)"; cat', {
      env: { GREETING: "it's here" },
      cwd: '/etc',
      stdin: 'from stdin',
    });
    expect(result.stdout).toBe("it's here|/etc|from stdin");
  });

  it('streams output while the command still runs', async () => {
    // The command waits for a file that the test creates only after the first line arrived, so it
    // can only finish if that line was delivered before the command ended.
    const flag = `/tmp/${marker()}`;
    const chunks: string[] = [];
    let released: Promise<unknown> | undefined;
    const result = await exec(
      `echo first; while [ ! -e ${quote(flag)} ]; do sleep 0.05; done; echo second; rm -f ${quote(flag)}`,
      {
        timeoutMs: 30_000,
        onStdout: (chunk) => {
          chunks.push(chunk.toString());
          if (!released && chunks.join('').includes('first')) released = exec(command('touch', flag));
        },
      },
    );
    await released;
    expect(result.stdout).toBe('first\nsecond\n');
    expect(chunks.join('')).toBe('first\nsecond\n');
  });

  it('kills a command that runs past its timeout and says so', async () => {
    const tag = marker();
    const error = await exec(`sleep 60; : ${tag}`, { timeoutMs: 500 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 500 ms/);
    await waitUntil(
      async () => (await exec(pgrepTag(tag))).stdout === '',
      'the timed-out command is gone from the host',
    );
  });

  it('cancels a running command through an AbortSignal, and the connection keeps working', async () => {
    const tag = marker();
    const controller = new AbortController();
    const running = exec(`echo started; sleep 60; : ${tag}`, {
      signal: controller.signal,
      onStdout: (chunk) => chunk.toString().includes('started') && controller.abort(),
    });
    await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
    await waitUntil(
      async () => (await exec(pgrepTag(tag))).stdout === '',
      'the cancelled command is gone from the host',
    );
    expect((await exec('echo still-usable')).stdout).toBe('still-usable\n');
  });

  it('runs every command over one connection to the host', () => {
    expect(on.recorded.events.filter((event) => event.type === 'connect')).toHaveLength(1);
  });
});

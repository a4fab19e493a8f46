import { command } from '@provisioning/sdk';
import { startLoopbackSshd, type LoopbackSshd } from '../../testing/loopback-sshd';
import { CommandAbortedError, CommandTimeoutError, ConnectionLostError, RemoteConfigError } from '../errors';
import { ConnectionPool } from './connection-pool';
import type { PoolEvent } from './events';

let sshd: LoopbackSshd;
let pool: ConnectionPool;
let events: PoolEvent[];

beforeAll(async () => {
  sshd = await startLoopbackSshd({ maxSessions: 10 });
});
afterAll(async () => {
  await sshd?.stop();
});
beforeEach(() => {
  events = [];
  pool = new ConnectionPool({
    hosts: [sshd.hostSpec({ name: 'web1' })],
    onEvent: (event) => events.push(event),
  });
});
afterEach(async () => {
  await pool.close();
});

/** Resolves once `text` has appeared on the command's stdout: the command is running, past any login scripts. */
function outputSeen(text: string): { onStdout: (chunk: Buffer) => void; seen: Promise<void> } {
  let buffered = '';
  let resolve: () => void = () => undefined;
  const seen = new Promise<void>((done) => (resolve = done));
  return {
    seen,
    onStdout: (chunk) => {
      buffered += chunk.toString();
      if (buffered.includes(text)) resolve();
    },
  };
}

const ofType = <T extends PoolEvent['type']>(type: T) =>
  events.filter((event): event is Extract<PoolEvent, { type: T }> => event.type === type);

describe('exec', () => {
  it('returns exit code, stdout, stderr and duration of a command on the host', async () => {
    const result = await pool.exec('web1', 'echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('runs in cwd with env values exported exactly, however hostile', async () => {
    const value = `it's "$(x)" \`y\` ; | & \n ✓`;
    const result = await pool.exec('web1', 'pwd; printf %s "$HOSTILE"', {
      cwd: '/usr/share',
      env: { HOSTILE: value },
    });
    expect(result.stdout).toBe(`/usr/share\n${value}`);
  });

  it('feeds stdin to the command', async () => {
    const result = await pool.exec('web1', 'cat', { stdin: 'line one\nline two\n' });
    expect(result.stdout).toBe('line one\nline two\n');
  });

  it('reuses one connection for every command of the run', async () => {
    for (let i = 0; i < 5; i++) await pool.exec('web1', command('echo', i));
    await Promise.all([1, 2, 3].map((i) => pool.exec('web1', command('echo', i))));
    expect(ofType('connect')).toHaveLength(1);
  });

  it('streams output live, chunk by chunk, and emits redacted output lines naming the host', async () => {
    const chunks: string[] = [];
    await pool.exec('web1', 'echo first; sleep 0.3; echo second', {
      onStdout: (chunk) => chunks.push(chunk.toString()),
    });
    expect(chunks.join('')).toBe('first\nsecond\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(ofType('output').map((event) => [event.host, event.stream, event.line])).toEqual([
      ['web1', 'stdout', 'first'],
      ['web1', 'stdout', 'second'],
    ]);
  });

  it('emits exec-start and exec-end with the same execId', async () => {
    await pool.exec('web1', 'true');
    const [start] = ofType('exec-start');
    const [end] = ofType('exec-end');
    expect(start).toMatchObject({ host: 'web1', command: 'true' });
    expect(end).toMatchObject({ host: 'web1', execId: start?.execId, code: 0 });
  });

  it('rejects an unknown host name with the list of known ones', () => {
    expect(() => pool.executor('nope')).toThrow(RemoteConfigError);
    expect(() => pool.executor('nope')).toThrow(/web1/);
  });
});

describe('timeouts and cancellation', () => {
  it('fails with CommandTimeoutError carrying partial output, and kills the command on the host', async () => {
    const marker = `timeout-${process.pid}-${Date.now()}`;
    const error = await pool
      .exec('web1', `echo started; sleep 30; echo ${marker}`, { timeoutMs: 3_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandTimeoutError);
    expect(error).toMatchObject({ host: 'web1', timeoutMs: 3_000, partial: { stdout: 'started\n' } });
    await expectNoProcessMatching(`sleep 30; echo ${marker}`);
  });

  it('fails with CommandAbortedError when the signal aborts a running command, and kills it', async () => {
    const marker = `abort-${process.pid}-${Date.now()}`;
    const controller = new AbortController();
    const output = outputSeen('running');
    const running = pool.exec('web1', `echo running; sleep 31; echo ${marker}`, {
      signal: controller.signal,
      onStdout: output.onStdout,
    });
    await output.seen;
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
    await expectNoProcessMatching(`sleep 31; echo ${marker}`);
  });

  it('fails with CommandAbortedError without running anything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      pool.exec('web1', 'touch /tmp/should-not-exist', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CommandAbortedError);
  });

  it('aborts a command still waiting for a session slot', async () => {
    await pool.exec('web1', 'true');
    const busy = Array.from({ length: 10 }, () => pool.exec('web1', 'sleep 1'));
    const controller = new AbortController();
    const queued = pool.exec('web1', 'echo never', { signal: controller.signal });
    await until(() => pool.load('web1').open === 10 && pool.load('web1').queued === 1);
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(CommandAbortedError);
    await Promise.all(busy);
    expect(ofType('exec-start').filter((event) => event.command === 'echo never')).toHaveLength(0);
  });

  async function until(condition: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 300 && !condition(); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(condition()).toBe(true);
  }

  async function expectNoProcessMatching(text: string): Promise<void> {
    // the kill runs asynchronously after the rejection: poll briefly for the process to be gone
    for (let attempt = 0; attempt < 50; attempt++) {
      const listing = await pool.exec('web1', 'ps -eo args');
      if (!listing.stdout.split('\n').some((line) => line.includes(text) && !line.includes('ps -eo'))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`a process running "${text}" is still alive on the host`);
  }
});

describe('MaxSessions', () => {
  it('runs 50 concurrent commands on one connection with never more than 10 channels open', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pool.exec('web1', command('sh', '-c', `sleep 1; echo ${i}`))),
    );
    expect(results.map((result) => result.stdout.trim())).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i)),
    );
    let open = 0;
    let peak = 0;
    for (const event of events) {
      if (event.type === 'exec-start') peak = Math.max(peak, ++open);
      if (event.type === 'exec-end') open--;
    }
    expect(peak).toBe(10);
    expect(ofType('connect')).toHaveLength(1);
  });
});

describe('exit status', () => {
  it('keeps the exit status of short commands whose output, exit and close arrive with the channel confirmation', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => pool.exec('web1', 'printf x; exit 7')),
    );
    expect(results.map((result) => `${result.code}:${result.stdout}`)).toEqual(
      Array.from({ length: 100 }, () => '7:x'),
    );
  });
});

describe('connection drops', () => {
  it('fails the command in flight with ConnectionLostError naming host and command, then reconnects for the next one', async () => {
    await pool.exec('web1', 'true');
    // kill only once the command runs: killing a login shell mid-startup can leave its rc files' locks behind
    const output = outputSeen('working');
    const inFlight = pool.exec('web1', 'echo working; sleep 20', { onStdout: output.onStdout });
    await output.seen;
    expect(sshd.killConnections()).toBeGreaterThan(0);
    const error = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toMatchObject({ host: 'web1', command: 'echo working; sleep 20' });
    expect((error as Error).message).toContain('web1');
    expect((error as Error).message).toContain('echo working; sleep 20');

    const next = await pool.exec('web1', 'echo back');
    expect(next.stdout).toBe('back\n');
    expect(ofType('disconnect')).toEqual([expect.objectContaining({ host: 'web1', expected: false })]);
    expect(ofType('reconnect')).toHaveLength(1);
    expect(ofType('connect')).toHaveLength(2);
  });

  it('retries a dropped command when the caller asks for it', async () => {
    const attempts: number[] = [];
    const marker = `/tmp/provisioning-retry-${process.pid}-${Date.now()}`;
    const output = outputSeen('first');
    const result = pool.exec(
      'web1',
      `if [ -e ${marker} ]; then echo second; else touch ${marker}; echo first; sleep 20; fi`,
      {
        retry: { attempts: 2, baseDelayMs: 50, jitter: 0 },
        onStdout: output.onStdout,
      },
    );
    await output.seen;
    sshd.killConnections();
    await expect(result).resolves.toMatchObject({ stdout: 'second\n' });
    attempts.push(...ofType('retry').map((event) => event.attempt));
    expect(attempts).toEqual([2]);
    await pool.exec('web1', command('rm', '-f', marker));
  });
});

describe('close', () => {
  it('closes the connection and refuses later commands', async () => {
    await pool.exec('web1', 'true');
    await pool.close();
    expect(ofType('disconnect')).toEqual([expect.objectContaining({ expected: true })]);
    await expect(pool.exec('web1', 'true')).rejects.toBeInstanceOf(RemoteConfigError);
  });
});

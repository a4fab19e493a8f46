import { CommandTimeoutError } from '@provisioning/remote';
import { command } from '@provisioning/sdk';
import { randomBytes } from 'node:crypto';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec, sudoUserSpec, type RecordedPool } from '../support/remote-pool';

describeOnTestbed('a canary secret never appears in any output', (testbed) => {
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  let recorded: RecordedPool;
  const seen: string[] = [];
  let root: string;
  let sudoHost: string;
  beforeAll(() => {
    const h2 = hostAt(testbed(), 2);
    root = h2.name;
    const sudo = sudoUserSpec(testbed(), h2);
    sudoHost = sudo.name;
    recorded = recordedPool([rootSpec(testbed(), h2), sudo], { secrets: [canary] });
  });
  afterAll(() => recorded.pool.close());

  const record = (value: unknown): void => {
    seen.push(value instanceof Error ? `${value.message}\n${value.stack}` : JSON.stringify(value));
  };

  // Not checked: the raw onStdout/onStderr chunks. They are the command's own bytes, handed to a
  // caller that asked for them (the quoting fuzz compares them byte for byte); displays use the
  // redacted `output` events, which are checked.
  it('masks the secret in stdout, stderr and output events', async () => {
    const result = await recorded.pool.exec(
      root,
      `${command('echo', canary)}; ${command('echo', `err ${canary}`)} >&2`,
    );
    record(result);
    expect(result.stdout).toContain('***');
    expect(result.stderr).toContain('***');
  });

  it('masks the secret passed in env and stdin and echoed back', async () => {
    const result = await recorded.pool.exec(root, 'echo "$TOKEN"; cat', {
      env: { TOKEN: canary },
      stdin: canary,
    });
    record(result);
    expect(result.stdout).not.toContain(canary);
  });

  it('masks the secret in the message of an error about a command that contains it', async () => {
    const error = await recorded.pool
      .exec(root, `sleep 30; ${command('echo', canary)}`, { timeoutMs: 300 })
      .catch((caught: unknown) => caught);
    record(error);
    expect(error).toBeInstanceOf(CommandTimeoutError);
  });

  it('never shows the sudo password, even for a command that prints what it reads', async () => {
    const result = await recorded.pool.exec(sudoHost, 'id -u; cat', { sudo: true, stdin: 'visible input' });
    record(result);
    expect(result.stdout).toBe('0\nvisible input');
  });

  // jest runs a file's tests in order: this one checks everything the tests above produced
  it('leaves the canary and the sudo password out of every result, error and pool event above', () => {
    expect(seen).toHaveLength(4);
    const everything = [...seen, JSON.stringify(recorded.events)].join('\n');
    expect(everything).toContain('***');
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain(testbed().sudoUser.password);
  });
});

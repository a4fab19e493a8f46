import { CommandAbortedError, CommandTimeoutError, RemoteConfigError } from '../errors';
import type { PoolEvent } from '../pool/events';
import { createLocalExecutor } from './local-executor';

describe('createLocalExecutor', () => {
  it('runs through /bin/sh with the same result shape as SSH hosts', async () => {
    const result = await createLocalExecutor().exec('echo out; echo err >&2; exit 4');
    expect(result).toMatchObject({ code: 4, stdout: 'out\n', stderr: 'err\n' });
  });

  it('applies cwd, env and stdin', async () => {
    const result = await createLocalExecutor().exec('pwd; printf "%s|" "$A"; cat', {
      cwd: '/usr',
      env: { A: "x'y" },
      stdin: 'in',
    });
    expect(result.stdout).toBe("/usr\nx'y|in");
  });

  it('never lets a command or a cwd that starts with "-" become an option of sh or cd', async () => {
    const asCommand = await createLocalExecutor().exec('-c');
    expect(asCommand.code).toBe(127);
    const asCwd = await createLocalExecutor().exec('pwd', { cwd: '-P' });
    expect(asCwd.code).toBe(1);
    expect(asCwd.stdout).toBe('');
  });

  it('rejects env names that are not shell identifiers before running anything', async () => {
    await expect(createLocalExecutor().exec('true', { env: { 'A;reboot': '1' } })).rejects.toBeInstanceOf(
      RemoteConfigError,
    );
  });

  it('kills the whole process group on timeout, not just the shell', async () => {
    const marker = `/tmp/provisioning-local-timeout-${process.pid}-${Date.now()}`;
    const error = await createLocalExecutor()
      .exec(`(sleep 1; touch ${marker}) & sleep 5`, { timeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const check = await createLocalExecutor().exec(`test -e ${marker}`);
    expect(check.code).toBe(1);
  });

  it('stops on abort with CommandAbortedError', async () => {
    const controller = new AbortController();
    const running = createLocalExecutor().exec('sleep 5', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
  });

  it('names the host in events and masks its secrets', async () => {
    const events: PoolEvent[] = [];
    await createLocalExecutor({
      host: 'control',
      secrets: ['tok-123456'],
      emit: (event) => events.push(event),
    }).exec('echo tok-123456');
    expect(events.map((event) => event.type)).toEqual(['exec-start', 'output', 'exec-end']);
    expect(events.every((event) => event.host === 'control')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('tok-123456');
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('runs sudo commands (root: sudo does not prompt, so nothing is fed on stdin)', async () => {
    const result = await createLocalExecutor({ sudoPassword: { value: 'unused-pw' } }).exec('id -u; cat', {
      sudo: true,
      stdin: 'x',
    });
    expect(result.stdout).toBe('0\nx');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { installedProgram } from '@provisioning/sdk/testing';
import { planCommand } from './command-line';

/** Login shells other than sh an SSH user may have. */
const LOGIN_SHELLS = ['zsh', 'tcsh', 'fish'].map((name) =>
  installedProgram(name, `planCommand under a ${name} login shell`),
);

const runLocally = (commandLine: string, stdin = '') =>
  execFileSync('/bin/sh', ['-c', commandLine], {
    input: stdin,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });

describe('planCommand', () => {
  it('wraps the command in /bin/sh -c -- so the login shell does not matter and no command becomes an option of sh', () => {
    expect(planCommand('echo hi').commandLine).toBe(`/bin/sh -c -- 'echo hi'`);
  });

  it('exports env values and enters cwd, every value quoted', () => {
    const plan = planCommand('pwd; printf %s "$V"', { cwd: '/tmp', env: { V: "a'b $(id) `x`" } });
    expect(runLocally(plan.commandLine)).toBe("/tmp\na'b $(id) `x`");
  });

  it('stops before running the command when cwd does not exist', () => {
    expect(() => runLocally(planCommand('echo ran', { cwd: '/does/not/exist' }).commandLine)).toThrow();
  });

  it('announces the process group with a random marker when the command may need killing', () => {
    const plan = planCommand('true', { killable: true });
    const stderr = execFileSync('/bin/sh', ['-c', `${plan.commandLine} 2>&1`], { encoding: 'utf8' });
    expect(stderr).toMatch(new RegExp(`^${plan.preamble?.started.replace(/[<>-]/g, '\\$&')}\\d+>>$`));
    expect(planCommand('true', { killable: true }).preamble?.started).not.toBe(plan.preamble?.started);
  });

  it('runs sudo with -S and a random prompt marker, never with a password in argv', () => {
    const plan = planCommand('id', { sudo: true });
    expect(plan.commandLine).toMatch(
      /^sudo -S -p '<<provisioning-sudo-prompt-[0-9a-f]{16}>>' -- \/bin\/sh -c /,
    );
    expect(plan.sudo).toBe(true);
  });

  describe.each(LOGIN_SHELLS)('from a $name login shell', (shell) => {
    (shell.skipped ? it.skip : it)(
      'runs the wrapped command with its marker, cwd and env, as sshd starts it there',
      () => {
        const value = "a'b $(id) `x` back\\slash \\\\ bang! !!";
        const plan = planCommand('pwd; printf "%s|" "$V"; cat', {
          cwd: '/tmp',
          env: { V: value },
          killable: true,
        });
        // sshd runs the command line as `<login shell> -c <line>`.
        const run = spawnSync(shell.require(), ['-c', plan.commandLine], {
          input: 'stdin',
          encoding: 'utf8',
        });
        expect(run.stderr).toMatch(/^<<provisioning-started-[0-9a-f]{16}:\d+>>$/);
        expect(run.stdout).toBe(`/tmp\n${value}|stdin`);
        expect(run.status).toBe(0);
      },
    );
  });
});

import { Option } from 'commander';
import type { CommandDefinition, CommandContext } from './command-definition';
import { CliError } from './errors';
import { runCliForTest } from '../testing/run-cli-for-test';

function probeCommand(behaviour: (ctx: CommandContext) => Promise<number | void>): CommandDefinition {
  return {
    name: 'probe',
    summary: 'a command for tests',
    configure: (command) =>
      command.addOption(new Option('--level <n>', 'a level').env('PROVISIONING_PROBE_LEVEL')),
    subcommands: [
      { name: 'deeper', arguments: '<item>', summary: 'nested', handler: async () => ({ run: behaviour }) },
    ],
    handler: async () => ({ run: behaviour }),
  };
}

const echoGlobals = probeCommand(async (ctx) => {
  ctx.out.result({ global: ctx.global, options: ctx.options, args: ctx.args }, (data) =>
    JSON.stringify(data),
  );
});

describe('runCli', () => {
  it('prints the version and exits 0', async () => {
    const run = await runCliForTest(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('takes every global option from its PROVISIONING_* variable', async () => {
    const run = await runCliForTest(['probe', '--output', 'json'], {
      commands: [echoGlobals],
      env: {
        PROVISIONING_WORKSPACE: '/srv/ws',
        PROVISIONING_VERBOSE: '1',
        PROVISIONING_QUIET: 'true',
        PROVISIONING_NO_COLOR: '1',
        PROVISIONING_YES: 'yes',
        PROVISIONING_CHECK: '1',
        PROVISIONING_PROBE_LEVEL: '3',
      },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      global: {
        workspace: '/srv/ws',
        verbose: true,
        quiet: true,
        output: 'json',
        color: false,
        yes: true,
        check: true,
      },
      options: { level: '3' },
      args: [],
    });
  });

  it('reads PROVISIONING_VERBOSE=0 and PROVISIONING_YES=false as off, not as set', async () => {
    const run = await runCliForTest(['probe', '-o', 'json'], {
      commands: [echoGlobals],
      env: { PROVISIONING_VERBOSE: '0', PROVISIONING_YES: 'false' },
    });
    const { global } = JSON.parse(run.stdout);
    expect(global.verbose).toBe(false);
    expect(global.yes).toBe(false);
  });

  it('reads a command flag variable that says no (PROVISIONING_PROBE_FORCE=0) as off, for every boolean flag', async () => {
    const withForce: CommandDefinition = {
      ...echoGlobals,
      configure: (command) =>
        command.addOption(new Option('--force', 'a boolean').env('PROVISIONING_PROBE_FORCE')),
    };
    const off = await runCliForTest(['probe', '-o', 'json'], {
      commands: [withForce],
      env: { PROVISIONING_PROBE_FORCE: '0' },
    });
    expect(JSON.parse(off.stdout).options.force).toBeUndefined();
    const on = await runCliForTest(['probe', '-o', 'json'], {
      commands: [withForce],
      env: { PROVISIONING_PROBE_FORCE: '1' },
    });
    expect(JSON.parse(on.stdout).options.force).toBe(true);
  });

  it('lets a flag on the command line win over the environment', async () => {
    const run = await runCliForTest(['probe', '--output', 'json'], {
      commands: [echoGlobals],
      env: { PROVISIONING_OUTPUT: 'text' },
    });
    expect(JSON.parse(run.stdout).global.output).toBe('json');
  });

  it('passes positional arguments of nested commands', async () => {
    const run = await runCliForTest(['probe', 'deeper', 'item-1', '-o', 'json'], { commands: [echoGlobals] });
    expect(JSON.parse(run.stdout).args).toEqual(['item-1']);
  });

  it('exits 2 on an unknown option and names the failing command in the hint', async () => {
    const run = await runCliForTest(['probe', 'deeper', 'x', '--nope'], { commands: [echoGlobals] });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: unknown option '--nope'\nhint: run 'provisioning probe deeper --help' to see what it accepts\n",
    );
  });

  it('exits 2 on an unknown command and suggests the closest one', async () => {
    const run = await runCliForTest(['prob'], { commands: [echoGlobals] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'prob'");
    expect(run.stderr).toContain('(Did you mean probe?)');
  });

  it('exits 2 with a did-you-mean for an unknown command given --help, instead of printing help', async () => {
    const group: CommandDefinition = {
      name: 'group',
      summary: 'a group',
      subcommands: [{ name: 'member', summary: 'one', handler: async () => ({ run: async () => 0 }) }],
    };
    for (const argv of [
      ['prob', '--help'],
      ['-w', '/tmp', 'prob', 'x', '-h'],
      ['group', 'membr', '--help'],
      ['--output', 'json', 'group', 'membr', '--help'],
      ['help', 'prob'],
      ['group', 'help', 'membr'],
    ]) {
      const run = await runCliForTest(argv, { commands: [echoGlobals, group] });
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(/unknown command '(prob|membr)'/);
      expect(run.stderr).toMatch(/\(Did you mean (probe|member)\?\)/);
      expect(run.stdout).not.toContain('Usage:');
    }
    for (const argv of [
      ['group', 'member', '--help'],
      ['group', 'help', 'member'],
    ]) {
      const known = await runCliForTest(argv, { commands: [echoGlobals, group] });
      expect({ argv, code: known.code }).toEqual({ argv, code: 0 });
      expect(known.stdout).toContain('Usage: provisioning group member');
    }
  });

  it('treats a command of the real set that does not exist, with --help, as unknown (exit 2)', async () => {
    const run = await runCliForTest(['frobnicate', 'search', '--help']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'frobnicate'");
    expect(run.stdout).toBe('');
  });

  it('exits 2 when a required argument is missing', async () => {
    const run = await runCliForTest(['probe', 'deeper'], { commands: [echoGlobals] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'item'");
  });

  it('prints a CliError as one message and hint, without a stack trace', async () => {
    const failing = probeCommand(async () => {
      throw new CliError('servers.yaml:3:7 port must be a number', 'fix the port and run again');
    });
    const run = await runCliForTest(['probe'], { commands: [failing] });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: servers.yaml:3:7 port must be a number\nhint: fix the port and run again\n',
    );
  });

  it('hides the stack of an unexpected error unless --verbose', async () => {
    const crashing = probeCommand(async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const quiet = await runCliForTest(['probe'], { commands: [crashing] });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain('error: cannot read properties of undefined');
    expect(quiet.stderr).toContain('run again with --verbose');
    expect(quiet.stderr).not.toMatch(/\n\s+at /);

    const verbose = await runCliForTest(['probe', '--verbose'], { commands: [crashing] });
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('reports errors as JSON on stdout with --output json, for scripts', async () => {
    const failing = probeCommand(async () => {
      throw new CliError('lock held by run 7', 'wait for it or run provisioning state unlock 7');
    });
    const run = await runCliForTest(['probe', '-o', 'json'], { commands: [failing] });
    expect(JSON.parse(run.stdout)).toEqual({
      error: { message: 'lock held by run 7', hint: 'wait for it or run provisioning state unlock 7' },
    });
  });

  it('returns the exit code the handler chose', async () => {
    const pending = probeCommand(async () => 2);
    expect((await runCliForTest(['probe'], { commands: [pending] })).code).toBe(2);
  });
});

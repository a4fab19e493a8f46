import { Command, Option } from 'commander';

export type OutputFormat = 'text' | 'json';

/** Options every command accepts, each also settable through its PROVISIONING_* variable. */
export interface GlobalOptions {
  workspace?: string;
  verbose: boolean;
  quiet: boolean;
  output: OutputFormat;
  color: boolean;
  yes: boolean;
  check: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(
      new Option(
        '-w, --workspace <dir>',
        'workspace directory (default: nearest parent with provisioning.yaml)',
      ).env('PROVISIONING_WORKSPACE'),
    )
    .addOption(
      new Option(
        '-o, --output <format>',
        'output format; json prints one JSON document on stdout for scripts',
      )
        .choices(['text', 'json'])
        .default('text')
        .env('PROVISIONING_OUTPUT'),
    )
    .addOption(new Option('-v, --verbose', 'show debug detail and stack traces').env('PROVISIONING_VERBOSE'))
    .addOption(new Option('-q, --quiet', 'print only results and errors').env('PROVISIONING_QUIET'))
    .addOption(
      new Option('--no-color', 'disable colored output (NO_COLOR is honoured too)').env(
        'PROVISIONING_NO_COLOR',
      ),
    )
    .addOption(new Option('-y, --yes', 'answer yes to confirmations; never prompt').env('PROVISIONING_YES'))
    .addOption(
      new Option('--check', 'dry run: show what would change, change nothing').env('PROVISIONING_CHECK'),
    );
}

/**
 * Commander treats any set boolean variable as "on", so PROVISIONING_VERBOSE=0 would enable
 * verbose output and PROVISIONING_FORCE=false would overwrite files. The variables of every
 * boolean flag in the command tree that say no (0, false, no, off, empty) are dropped before parsing.
 */
export function dropFalsyBooleanEnv(env: NodeJS.ProcessEnv, program: Command): void {
  for (const name of booleanEnvNames(program)) {
    const value = env[name];
    if (value !== undefined && /^(0|false|no|off|)$/i.test(value.trim())) delete env[name];
  }
}

export function readGlobalOptions(command: Command): GlobalOptions {
  const raw = command.optsWithGlobals();
  return {
    workspace: raw.workspace as string | undefined,
    verbose: Boolean(raw.verbose),
    quiet: Boolean(raw.quiet),
    output: raw.output === 'json' ? 'json' : 'text',
    color: raw.color !== false,
    yes: Boolean(raw.yes),
    check: Boolean(raw.check),
  };
}

function booleanEnvNames(command: Command): string[] {
  const own = command.options
    .filter((option) => option.envVar && !option.required && !option.optional)
    .map((option) => option.envVar as string);
  return [...own, ...command.commands.flatMap(booleanEnvNames)];
}

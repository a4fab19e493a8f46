import { CommanderError, type Command } from 'commander';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { commands } from '../commands';
import { buildProgram } from './build-program';
import type { CommandDefinition, CommandHandler } from './command-definition';
import { CliError, ExitCode } from './errors';
import { dropFalsyBooleanEnv, readGlobalOptions } from './global-options';
import { Output, type Streams } from './output';
import { argvForUnknownCommandHelp } from './unknown-command';

export interface CliEnvironment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  streams: Streams;
  /** The command set; tests pass their own. */
  commands?: CommandDefinition[];
  /** Task services instead of the built-in ones; tests pass their own. */
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  /** Providers instead of the built-in ones; tests pass their own. */
  providers?: ReadonlyMap<string, ProviderDefinition>;
  /** Cluster extensions instead of the built-in ones; tests pass their own. */
  clusters?: ReadonlyMap<string, ClusterDefinition>;
}

/** Parses argv, runs one command, and returns the exit code. Never throws. */
export async function runCli(environment: CliEnvironment): Promise<number> {
  const { env, streams } = environment;
  let exitCode: number = ExitCode.ok;
  let output: Output | undefined;

  const program = buildProgram(environment.commands ?? commands, async (command, handler) => {
    const global = readGlobalOptions(command);
    output = new Output(global, streams, env);
    exitCode = await invoke(handler, command, environment, output);
  });
  const failing = routeCommanderOutput(program, streams);
  dropFalsyBooleanEnv(env, program);

  // Commander reads option variables from process.env; run against the environment we were given
  // (the same object in production, a test's own in tests).
  const processEnv = process.env;
  process.env = env;
  try {
    await program.parseAsync([...argvForUnknownCommandHelp(program, environment.argv)], { from: 'user' });
  } catch (error) {
    output ??= new Output(readGlobalOptions(program), streams, env);
    return reportFailure(error, output, failing.command ?? program);
  } finally {
    process.env = processEnv;
  }
  return exitCode;
}

async function invoke(handler: CommandHandler, command: Command, environment: CliEnvironment, out: Output) {
  const code = await handler({
    args: command.args,
    options: commandOptions(command),
    global: readGlobalOptions(command),
    out,
    cwd: environment.cwd,
    env: environment.env,
    taskservs: environment.taskservs,
    providers: environment.providers,
    clusters: environment.clusters,
  });
  return code ?? ExitCode.ok;
}

/**
 * Commander prints help and usage errors itself and exits. Route its text through our streams,
 * throw instead of exiting, and remember which command failed so the hint names its --help.
 */
function routeCommanderOutput(program: Command, streams: Streams): { command?: Command } {
  const failing: { command?: Command } = {};
  const visit = (command: Command) => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: () => {
        failing.command = command;
      },
    });
    command.commands.forEach(visit);
  };
  visit(program);
  return failing;
}

function reportFailure(error: unknown, out: Output, failing: Command): number {
  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
      return ExitCode.ok;
    }
    if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
    const message = error.message.replace(/^error: /, '');
    out.error(message, `run '${commandPath(failing)} --help' to see what it accepts`);
    return ExitCode.usageOrChanges;
  }
  if (error instanceof CliError) {
    out.error(error.message, error.hint, out.options.verbose ? error.stack : undefined);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  out.error(
    err.message,
    out.options.verbose
      ? 'this is unexpected: please report it with the stack trace below'
      : 'this is unexpected: run again with --verbose for the stack trace, and please report it',
    out.options.verbose ? err.stack : undefined,
  );
  return ExitCode.error;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent)
    names.unshift(current.name());
  return names.join(' ');
}

/**
 * A subcommand's options, with those its parent command parsed for it: commander gives an option
 * both define (`install list --catalog F`) to the parent. The root's are the global options.
 */
function commandOptions(command: Command): Record<string, unknown> {
  const parent = command.parent?.parent ? command.parent.opts() : {};
  const own = Object.fromEntries(Object.entries(command.opts()).filter(([, value]) => value !== undefined));
  return { ...parent, ...own };
}

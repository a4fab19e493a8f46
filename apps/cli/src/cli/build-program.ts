import { Command } from 'commander';
// The version sub-entry, not the sdk barrel: the barrel pulls in zod, which would slow every start.
import { CORE_VERSION } from '@provisioning/sdk/version';
import type { CommandDefinition, CommandHandler } from './command-definition';
import { addGlobalOptions } from './global-options';

export type HandlerRunner = (command: Command, handler: CommandHandler) => Promise<void>;

const definitions = new WeakMap<Command, CommandDefinition>();

const ROOT_HELP_FOOTER = [
  '',
  'Every option can also be set through the environment variable shown as (env: ...).',
  'Exit codes: 0 ok, 1 error, 2 usage error; 2 also means changes pending for',
  'plan --detailed-exitcode, apply --check and taskserv status.',
  "Run 'provisioning <command> --help' for a command's options and examples.",
].join('\n');

/** The definition a commander command was built from (for docs and help). */
export function definitionOf(command: Command): CommandDefinition | undefined {
  return definitions.get(command);
}

export function buildProgram(commands: CommandDefinition[], runHandler: HandlerRunner): Command {
  const program = new Command('provisioning')
    .description('Describe servers, task services and clusters in a workspace; plan and apply them over SSH.')
    .version(CORE_VERSION, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: true, showGlobalOptions: true });
  addGlobalOptions(program);
  program.addHelpText('after', ROOT_HELP_FOOTER);
  for (const definition of commands) addCommand(program, definition, runHandler);
  return program;
}

function addCommand(parent: Command, definition: CommandDefinition, runHandler: HandlerRunner): void {
  const command = parent.command(definition.name).summary(definition.summary);
  command.description(unfoldLines(definition.description ?? definition.summary));
  definitions.set(command, definition);
  if (definition.arguments) command.arguments(definition.arguments);
  definition.configure?.(command);
  if (definition.examples?.length) {
    command.addHelpText('after', `\nExamples:\n${definition.examples.map(formatExample).join('\n')}\n`);
  }
  for (const sub of definition.subcommands ?? []) addCommand(command, sub, runHandler);
  const load = definition.handler;
  if (load) {
    command.action(async () => {
      const { run: handler } = await load();
      await runHandler(command, handler);
    });
  }
}

/**
 * Descriptions are written as lines of source code, broken wherever the source needed it; commander
 * keeps every line break and wraps each line to the terminal on its own, so a sentence broken in
 * the source came out broken mid-way. A line break stays only where it means something: around a
 * blank line (a new paragraph) or an indented line (a layout the author chose); between two plain
 * lines it is a space, and commander wraps the paragraph to the terminal's width.
 */
export function unfoldLines(text: string): string {
  const plain = (line: string) => line !== '' && !/^\s/.test(line);
  return text.split('\n').reduce((joined, line, index, lines) => {
    if (index === 0) return line;
    return joined + (plain(line) && plain(lines[index - 1]) ? ' ' : '\n') + line;
  }, '');
}

function formatExample(example: { command: string; description: string }): string {
  return `  $ ${example.command}\n      ${example.description}`;
}

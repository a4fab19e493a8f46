import type { Command, Option } from 'commander';
import { definitionOf } from './build-program';

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * Commander answers `--help` (and `help <command>`) before it looks at the command words, so
 * `provisioning extension search --help` (no such command) printed the root help and exited 0, as
 * if it existed. When the words name a command that is not there, the help request is dropped, so
 * commander reports the unknown command (with its did-you-mean) and the CLI exits 2. Works for
 * whatever command set is registered.
 */
export function argvForUnknownCommandHelp(program: Command, argv: readonly string[]): readonly string[] {
  const found = findUnknownCommand(program, argv);
  if (!found || (found.helpWordAt === undefined && !argv.some((word) => HELP_FLAGS.has(word)))) return argv;
  return argv.filter((word, index) => !HELP_FLAGS.has(word) && index !== found.helpWordAt);
}

/** The first word that should name a subcommand and names none, walking argv as commander would. */
export function findUnknownCommand(
  program: Command,
  argv: readonly string[],
): { word: string; helpWordAt?: number } | undefined {
  let command = program;
  let helpWordAt: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index];
    if (word === '--') return undefined;
    if (word.startsWith('-') && word !== '-') {
      if (takesSeparateValue(command, word)) index++;
      continue;
    }
    const sub = command.commands.find(
      (candidate) => candidate.name() === word || candidate.aliases().includes(word),
    );
    if (sub) {
      command = sub;
      continue;
    }
    // A command with a handler takes its own arguments; only a group of subcommands needs one.
    const isGroup = command.commands.length > 0 && (command === program || !definitionOf(command)?.handler);
    if (!isGroup) return undefined;
    // `help <command>`: the words after it name the command to explain.
    if (word === 'help' && helpWordAt === undefined) {
      helpWordAt = index;
      continue;
    }
    return { word, helpWordAt };
  }
  return undefined;
}

/** `--infra prod` (the value is the next word), not `--infra=prod`, `-iprod` or a boolean flag. */
function takesSeparateValue(command: Command, word: string): boolean {
  if (word.includes('=') || (!word.startsWith('--') && word.length > 2)) return false;
  const option = optionsInScope(command).find(
    (candidate) => candidate.long === word || candidate.short === word,
  );
  return Boolean(option && (option.required || option.optional));
}

function optionsInScope(command: Command): Option[] {
  const options: Option[] = [];
  for (let current: Command | null = command; current; current = current.parent)
    options.push(...current.options);
  return options;
}

import { SETTINGS_SECTION_NAMES } from '@provisioning/config';
import type { Command } from 'commander';
import { commands } from '../commands';
import { buildProgram } from './build-program';

// Rules every command of the real command set keeps, checked by walking the tree: a command added
// on any branch is covered without touching this file.
const program = buildProgram(commands, async () => undefined);
const HELP_WIDTH = 80;

function walk(command: Command): Command[] {
  return [command, ...command.commands.flatMap(walk)];
}
const path = (command: Command): string =>
  command.parent ? `${path(command.parent)} ${command.name()}` : command.name();
const everyCommand = walk(program);

describe('the command tree', () => {
  it('gives every option of every command a PROVISIONING_* environment variable (but --help and --version)', () => {
    const missing = everyCommand.flatMap((command) =>
      command.options
        .filter(
          (option) =>
            !['--help', '--version'].includes(option.long ?? '') &&
            !/^PROVISIONING_[A-Z0-9_]+$/.test(option.envVar ?? ''),
        )
        .map((option) => `${path(command)} ${option.long ?? option.short}`),
    );
    expect(missing).toEqual([]);
    expect(everyCommand.length).toBeGreaterThan(20);
  });

  it('names no flag variable PROVISIONING_<SECTION>_*, which the settings layer would read as a setting', () => {
    const sections = SETTINGS_SECTION_NAMES.map((name) => `PROVISIONING_${name.toUpperCase()}_`);
    const clashing = everyCommand
      .flatMap((command) => command.options.map((option) => option.envVar ?? ''))
      .filter((name) => sections.some((prefix) => name.startsWith(prefix)));
    expect(clashing).toEqual([]);
  });

  it('never breaks a line of a description before the terminal width needs it (no mid-sentence wrap)', () => {
    const early: string[] = [];
    for (const command of everyCommand) {
      command.configureOutput({ getOutHelpWidth: () => HELP_WIDTH });
      const lines = command.helpInformation().split('\n');
      const end = lines.findIndex(
        (line, index) => index > 1 && /^(Arguments|Options|Commands|Global Options):$/.test(line),
      );
      const description = lines.slice(2, end === -1 ? undefined : end);
      description.forEach((line, index) => {
        const next = description[index + 1];
        // A break is right where the next word would not fit, before a blank line, or before an indented line.
        if (!next || !line || /^\s/.test(next)) return;
        const nextWord = next.split(' ')[0];
        if (line.length + 1 + nextWord.length <= HELP_WIDTH)
          early.push(`${path(command)}: "${line}" / "${next}"`);
      });
    }
    expect(early).toEqual([]);
  });
});

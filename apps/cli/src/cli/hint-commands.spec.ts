import type { Command } from 'commander';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../commands';
import { buildProgram } from './build-program';

// Every `provisioning ...` command line that a hint, an error or an example tells the user to
// type (quoted in the sources of the CLI and the engine) is parsed by the real command tree, with
// handlers replaced by a no-op: a renamed command or flag, or a missing value, fails here.
const SOURCES = [join(__dirname, '..'), join(__dirname, '../../../../libs/engine/src')];
// Placeholders a user fills in (PATH, DIR, HOST) and interpolations (${name}, cut short where it
// holds a quote) stand for one word.
const placeholder = (word: string) => (/^[A-Z][A-Z_]*$|\$\{/.test(word) ? 'x' : word);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function quotedCommandLines(): Array<{ file: string; line: string }> {
  return SOURCES.flatMap(sourceFiles).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/'provisioning ([^'`\\]+)'/g)]
      // the part a user pastes before a pipe or a shell list; a usage pattern (<command>) is not a command
      .map((match) => ({ file, line: match[1].split(/ \|\|? | && /)[0].trim() }))
      .filter(({ line }) => !line.includes('<')),
  );
}

async function parses(line: string): Promise<string | undefined> {
  const program = buildProgram(commands, async () => undefined);
  let error = '';
  const quiet = (command: Command) => {
    command
      .exitOverride()
      .configureOutput({ writeOut: () => undefined, writeErr: (text) => (error += text) });
    command.commands.forEach(quiet);
  };
  quiet(program);
  // A double-quoted value ("wrong config path") is one word, as the shell would pass it.
  const words = (line.replace(/\$\{[^}]*(\}|$)/g, 'x').match(/"[^"]*"|\S+/g) ?? [])
    .map((word) => word.replace(/^"(.*)"$/, '$1'))
    .map(placeholder);
  try {
    await program.parseAsync(words, { from: 'user' });
    return undefined;
  } catch (thrown) {
    if ((thrown as { code?: string }).code === 'commander.helpDisplayed') return undefined;
    // Naming a command in prose ('provisioning server ssh') is fine: only its arguments are missing.
    const named =
      words.every((word) => !word.startsWith('-')) && /missing required argument|required option/.test(error);
    // A sentence about the product ('provisioning created no server'), not a command: its first
    // word is unknown and resembles no command (a mistyped command gets a did-you-mean).
    const prose = error.includes(`unknown command '${words[0]}'`) && !error.includes('Did you mean');
    return named || prose ? undefined : error.trim() || String(thrown);
  }
}

describe('command lines quoted in hints, errors and examples', () => {
  it('are found in the sources (the search is not empty)', () => {
    expect(quotedCommandLines().length).toBeGreaterThan(40);
  });

  it('each parse as a real command with options it accepts', async () => {
    const failures: string[] = [];
    for (const { file, line } of quotedCommandLines()) {
      const problem = await parses(line);
      if (problem)
        failures.push(`${file.replace(/.*\/(apps|libs)\//, '$1/')}: provisioning ${line}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });
});

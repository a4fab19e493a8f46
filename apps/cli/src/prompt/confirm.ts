import { createInterface } from 'node:readline/promises';
import type { CommandContext } from '../cli/command-definition';
import { CliError } from '../cli/errors';

/**
 * Asks before a change, only where a person can answer: a terminal on stdin and stderr, not CI.
 * Anywhere else it fails at once with the flag to pass, instead of hanging on a prompt.
 */
export async function confirm(
  ctx: CommandContext,
  preview: string,
  question: string,
  unattended: { message: string; hint: string } = {
    message: 'this would change hosts and nobody is there to confirm',
    hint: 'pass --yes to apply, or --check to only see the plan',
  },
): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !ctx.env.CI;
  if (!interactive) throw new CliError(unattended.message, unattended.hint);
  process.stderr.write(preview);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await prompt.question(`${question} Only 'yes' applies: `)).trim().toLowerCase();
    if (answer !== 'yes')
      throw new CliError(
        'nothing was changed: the answer was not yes',
        'run again and answer yes, or pass --yes',
      );
  } finally {
    prompt.close();
  }
}

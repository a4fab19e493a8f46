import type { Command } from 'commander';
import type { CommandContext } from '../../cli/command-definition';
import { UsageError } from '../../cli/errors';
import { addOptions, ENTRY_OPTIONS } from '../../options/run-options';

/** Options of the subcommands that work on one taskserv entry of an infra (install, remove, status). */
export function addEntryOptions(command: Command): void {
  addOptions(command, ENTRY_OPTIONS);
}

export type { EntryOptionValues } from '../../options/run-options';

/** The one entry name the subcommand takes; several at once is what `apply --taskservs a,b` is for. */
export function entryName(ctx: CommandContext): string {
  const name = ctx.args[0];
  if (name.includes(','))
    throw new UsageError(
      `taskserv takes one entry name, not "${name}"`,
      `for several at once: provisioning apply --taskservs ${name}`,
    );
  return name;
}

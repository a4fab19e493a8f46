import { type Command, Option } from 'commander';
import type { CommandContext } from '../../cli/command-definition';
import { UsageError } from '../../cli/errors';
import { positiveInt } from '../../session/run-options';

/** Options of the subcommands that work on one taskserv entry of an infra (install, remove, status). */
export function addEntryOptions(command: Command): void {
  command
    .addOption(new Option('--infra <name>', 'infra the entry belongs to (default: default_infra, or the only one)').env('PROVISIONING_INFRA'))
    .addOption(new Option('--servers <selection>', 'only these of its servers: names (web-1,web-2) and/or labels (role=web)'))
    .addOption(new Option('--parallel <n>', 'hosts worked on at once (default: settings run.parallelism, 10)').argParser(positiveInt))
    .addOption(
      new Option('--accept-new-host-keys', 'trust and record host keys not yet known (a changed key still fails)').env(
        'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
      ),
    );
}

export interface EntryOptionValues {
  infra?: string;
  servers?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

/** The one entry name the subcommand takes; several at once is what `apply --taskservs a,b` is for. */
export function entryName(ctx: CommandContext): string {
  const name = ctx.args[0];
  if (name.includes(',')) throw new UsageError(`taskserv takes one entry name, not "${name}"`, `for several at once: provisioning apply --taskservs ${name}`);
  return name;
}

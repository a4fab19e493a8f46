import { type Command, InvalidArgumentError, Option } from 'commander';

/** Options of every command that plans or applies over an infra. */
export function addRunOptions(command: Command): void {
  command
    .addOption(new Option('--infra <name>', 'infra to work on (default: default_infra, or the only one)').env('PROVISIONING_INFRA'))
    .addOption(new Option('--servers <selection>', 'only these servers: names (web-1,web-2) and/or labels (role=web)'))
    .addOption(new Option('--taskservs <names>', 'only these taskserv entries, comma-separated'))
    .addOption(new Option('--parallel <n>', 'hosts worked on at once (default: settings run.parallelism, 10)').argParser(positiveInt))
    .addOption(
      new Option('--accept-new-host-keys', 'trust and record host keys not yet known (a changed key still fails)').env(
        'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
      ),
    );
}

export interface RunOptionValues {
  infra?: string;
  servers?: string;
  taskservs?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

export function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return number;
}

export function percentage(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return number;
}

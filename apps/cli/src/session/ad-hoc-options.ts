import { type Command, InvalidArgumentError, Option } from 'commander';
import { positiveInt } from './run-options';

/** Options of the commands that run an ad-hoc command line on hosts (`run`, `server exec`). */
export function addAdHocOptions(command: Command): void {
  command
    .addOption(new Option('--infra <name>', 'infra the servers belong to (default: default_infra, or the only one)').env('PROVISIONING_INFRA'))
    .addOption(new Option('--sudo', 'run the command through sudo on each host'))
    .addOption(new Option('--timeout <seconds>', 'kill the command on a host after this long (default: settings run.timeout, 600)').argParser(positiveSeconds))
    .addOption(new Option('--parallel <n>', 'hosts worked on at once (default: settings run.parallelism, 10)').argParser(positiveInt))
    .addOption(
      new Option('--accept-new-host-keys', 'trust and record host keys not yet known (a changed key still fails)').env(
        'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
      ),
    );
}

export interface AdHocOptionValues {
  infra?: string;
  sudo?: boolean;
  timeout?: number;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

export function positiveSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return number;
}

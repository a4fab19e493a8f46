import { type Command, Option } from 'commander';
import { positiveInt } from '../../options/run-options';

/** Options shared by install and install list: where (this machine or servers) and which catalog. */
export function addTargetOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--servers <selection>',
        "servers to work on: names (web-1,web-2), labels (role=pi) or 'all'; default this machine",
      ).env('PROVISIONING_SERVERS'),
    )
    .addOption(
      new Option(
        '--infra <name>',
        'infra the servers belong to (default: default_infra, or the only one)',
      ).env('PROVISIONING_INFRA'),
    )
    .addOption(
      new Option(
        '--catalog <file>',
        'a YAML or JSON catalog laid over the shipped one (extra tools, versions, checksums, mirrors)',
      ).env('PROVISIONING_INSTALL_CATALOG'),
    )
    .addOption(
      new Option('--parallel <n>', 'hosts worked on at once (default: settings run.parallelism, 10)')
        .argParser(positiveInt)
        .env('PROVISIONING_PARALLEL'),
    )
    .addOption(
      new Option(
        '--accept-new-host-keys',
        'trust and record host keys not yet known (a changed key still fails)',
      ).env('PROVISIONING_ACCEPT_NEW_HOST_KEYS'),
    );
}

export interface TargetOptionValues {
  servers?: string;
  infra?: string;
  catalog?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

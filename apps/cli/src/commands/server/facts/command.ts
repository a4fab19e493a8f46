import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';
import { positiveInt } from '../../../options/run-options';

export const serverFactsCommand: CommandDefinition = {
  name: 'facts',
  summary: 'OS, kernel, arch, CPU, memory, disks, addresses and uptime of servers (one round trip each)',
  description:
    'Ask each selected server what it is and what it has: distribution and version, kernel, architecture, CPU model and count, memory total and available, disks, mounted filesystems, global addresses and uptime. One command per host, hosts in parallel; a host that cannot be reached is reported and the others still are (exit 1 then).',
  examples: [
    { command: 'provisioning server facts', description: 'a table of every server of the default infra' },
    {
      command: 'provisioning server facts --servers role=pi',
      description: 'only the servers labelled role=pi',
    },
    {
      command:
        "provisioning server facts --output json | jq '.hosts[] | {host, mem: .facts.memory.totalBytes}'",
      description: 'memory per host, for a script',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option(
          '--infra <name>',
          'infra the servers belong to (default: default_infra, or the only one)',
        ).env('PROVISIONING_INFRA'),
      )
      .addOption(
        new Option(
          '--servers <selection>',
          'names (web-1,web-2) or labels (role=web) of the servers to ask; default all',
        ).env('PROVISIONING_SERVERS'),
      )
      .addOption(
        new Option('--parallel <n>', 'hosts asked at once (default: settings run.parallelism, 10)')
          .argParser(positiveInt)
          .env('PROVISIONING_PARALLEL'),
      )
      .addOption(
        new Option(
          '--accept-new-host-keys',
          'trust and record host keys not yet known (a changed key still fails)',
        ).env('PROVISIONING_ACCEPT_NEW_HOST_KEYS'),
      );
  },
  handler: () => import('./handler.js'),
};

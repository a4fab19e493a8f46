import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';
import { positiveInt } from '../../options/run-options';

export const scanCommand: CommandDefinition = {
  name: 'scan',
  summary: 'find SSH servers on a network, read their host keys, and optionally add them to an infra',
  description:
    'A TCP connect scan (no raw sockets, no root) of an IPv4 range for hosts answering SSH, with a bounded number of connections at once and a timeout per address. For each SSH server it reads the identification banner and the host key (the key exchange stops before any login is tried) and says whether the key is already in known_hosts. With --add-to it appends the found hosts to infra/<name>/servers.yaml and records their keys in the workspace known_hosts, after you confirm the fingerprints (compare them with the console of each board: `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`); unattended, --yes is required. Ranges over 1024 addresses need --force; nothing over a /16 is scanned.',
  examples: [
    {
      command: 'provisioning scan --cidr 192.168.1.0/24',
      description: 'SSH servers on the home LAN, with banners and key fingerprints',
    },
    {
      command: 'provisioning scan --cidr 192.168.1.0/24 --add-to pis --user pi --label role=pi',
      description: 'add the boards found to infra pis, after confirming their fingerprints',
    },
    {
      command: 'provisioning scan --cidr 10.0.0.0/20 --force --port 2222 --output json',
      description: 'a larger range, another port, for a script',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--cidr <cidr>', 'IPv4 network to scan, e.g. 192.168.1.0/24 (or one address)')
          .env('PROVISIONING_SCAN_CIDR')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--port <port>', 'TCP port SSH listens on')
          .argParser(positiveInt)
          .default(22)
          .env('PROVISIONING_SCAN_PORT'),
      )
      .addOption(
        new Option('--timeout <ms>', 'milliseconds per address for connect and key exchange')
          .argParser(positiveInt)
          .default(1500)
          .env('PROVISIONING_SCAN_TIMEOUT'),
      )
      .addOption(
        new Option('--concurrency <n>', 'connections open at once')
          .argParser(positiveInt)
          .default(64)
          .env('PROVISIONING_SCAN_CONCURRENCY'),
      )
      .addOption(
        new Option('--force', 'scan ranges larger than 1024 addresses (up to a /16)').env(
          'PROVISIONING_SCAN_FORCE',
        ),
      )
      .addOption(
        new Option(
          '--add-to <infra>',
          'append the hosts found to this infra (created when missing) and trust their keys',
        ).env('PROVISIONING_SCAN_ADD_TO'),
      )
      .addOption(
        new Option(
          '--name-prefix <prefix>',
          'names given to added servers: <prefix>-<a>-<b>-<c>-<d> of the address',
        )
          .default('host')
          .env('PROVISIONING_SCAN_NAME_PREFIX'),
      )
      .addOption(
        new Option('--user <user>', 'SSH user recorded for added servers (default: settings ssh.user)').env(
          'PROVISIONING_SCAN_USER',
        ),
      )
      .addOption(
        new Option('--label <key=value...>', 'labels given to added servers (repeat for several)').env(
          'PROVISIONING_SCAN_LABELS',
        ),
      );
  },
  handler: () => import('./handler.js'),
};

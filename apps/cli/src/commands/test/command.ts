import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';
import { positiveInt } from '../../options/run-options';

export const testCommand: CommandDefinition = {
  name: 'test',
  arguments: '[target]',
  summary: "run an extension's scenarios on throwaway hosts: apply, converge, change a param, remove",
  description:
    'Boots fresh Debian hosts with the nspawn provider (root and systemd-nspawn needed), then runs each scenario of the extension in TARGET (a folder with manifest.yaml and scenarios.yaml; default: the current folder) or of the built-in task service named TARGET: a first apply and its checks, a second apply that must change nothing, a param change that must change exactly the operations the scenario declares, and remove with its checks. Every failure names the step, the host, the operation and what the check saw. The hosts are removed afterwards unless --keep. Exit code 0 when every scenario passed, 1 when one failed. See docs/testing-extensions.md.',
  examples: [
    {
      command: 'provisioning test',
      description: 'the scenarios of the extension in the current folder, one host each',
    },
    {
      command: 'provisioning test ./my-thing --scenario defaults --keep',
      description: 'one scenario; leave its hosts up and print the ssh line to reach them',
    },
    {
      command: 'provisioning test redis --hosts 3 --junit reports/redis.xml',
      description: "the built-in redis task service's scenarios on three hosts, with a JUnit report for CI",
    },
    {
      command: "provisioning test . --provider-options '{ bridge: ci-br0, subnet: 10.200.0.0/24 }'",
      description:
        'hosts on a bridge and subnet of their own (the nspawn provider options of docs/providers.md)',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option(
          '--scenario <name>',
          'run only the scenario with this name (or whose name starts with it)',
        ).env('PROVISIONING_TEST_SCENARIO'),
      )
      .addOption(
        new Option(
          '--hosts <n>',
          'hosts per scenario (at least the number the scenario asks for; more run it on more hosts)',
        )
          .argParser(positiveInt)
          .env('PROVISIONING_TEST_HOSTS'),
      )
      .addOption(
        new Option('--keep', 'leave the hosts up afterwards and print how to reach them').env(
          'PROVISIONING_TEST_KEEP',
        ),
      )
      .addOption(
        new Option('--distro <distro>', 'the operating system of the throwaway hosts')
          .choices(['debian-12'])
          .default('debian-12')
          .env('PROVISIONING_TEST_DISTRO'),
      )
      .addOption(
        new Option(
          '--junit <file>',
          'also write a JUnit XML report (one test case per scenario step) for CI',
        ).env('PROVISIONING_TEST_JUNIT'),
      )
      .addOption(
        new Option(
          '--provider-options <yaml>',
          'options of the nspawn provider as a YAML mapping (bridge, subnet, rootfs, mirror, bind_ro, state_dir)',
        ).env('PROVISIONING_TEST_PROVIDER_OPTIONS'),
      );
  },
  handler: () => import('./handler.js'),
};

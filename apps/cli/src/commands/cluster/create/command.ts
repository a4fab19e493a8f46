import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const clusterCreateCommand: CommandDefinition = {
  name: 'create',
  arguments: '<name>',
  summary: 'create or converge a cluster: its missing servers, its roles in order, then wait for health',
  description:
    "Show the plan (servers a provider will create, each role's servers, who joins and who leaves), ask (--yes when nobody is at a terminal), then: create the missing servers through their providers, drain and remove servers that left a role, apply every role in order (one run; a role starts once the earlier ones are in place), wait until every health check passes, and print the outputs (files such as a kubeconfig are saved under .provisioning/clusters/<name>/). Running it again changes nothing, or exactly what was edited.",
  examples: [
    {
      command: 'provisioning cluster create k8s --yes',
      description: 'build cluster k8s from nothing in one command',
    },
    {
      command: 'provisioning cluster create k8s --check',
      description: 'only the plan (exit 2 when something would change)',
    },
    {
      command: 'provisioning cluster create k8s --infra dev --output json',
      description: 'build it in infra dev (with --yes), result as JSON',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--infra <name>', 'infra the cluster is in (default: default_infra, or the only one)').env(
          'PROVISIONING_INFRA',
        ),
      )
      .addOption(
        new Option(
          '--accept-new-host-keys',
          "trust unknown host keys of existing servers on first use (created servers' keys are known already)",
        ).env('PROVISIONING_ACCEPT_NEW_HOST_KEYS'),
      );
  },
  handler: () => import('./handler.js'),
};

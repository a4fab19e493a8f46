import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const configGetCommand: CommandDefinition = {
  name: 'get',
  arguments: '<key>',
  summary: 'print one effective setting',
  description:
    'Print the effective value of one setting (section.key), as commands on the infra see it. Exit 1 when no layer sets it.',
  examples: [
    { command: 'provisioning config get ssh.user', description: 'the SSH user commands will log in as' },
    {
      command: 'provisioning config get run.parallelism --output json',
      description: 'value and origin as JSON',
    },
  ],
  configure: (command) =>
    command.addOption(
      new Option(
        '-i, --infra <name>',
        "the infra whose overrides apply (default: the workspace's default_infra)",
      ).env('PROVISIONING_INFRA'),
    ),
  handler: () => import('./handler.js'),
};

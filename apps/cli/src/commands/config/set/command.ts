import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const configSetCommand: CommandDefinition = {
  name: 'set',
  arguments: '<key> <value>',
  summary: 'set a setting in provisioning.yaml or your user config',
  description: [
    'Set one setting (section.key) in the workspace provisioning.yaml (default inside a workspace)',
    'or in your user config (--user, $XDG_CONFIG_HOME/provisioning/config.yaml).',
    'Comments and layout are kept; the changed file is validated before it is written, and it is',
    'replaced in one step, so a bad value leaves the file as it was.',
  ].join('\n'),
  examples: [
    { command: 'provisioning config set ssh.user deploy', description: "the workspace's default SSH user" },
    {
      command: 'provisioning config set run.parallelism 20 --user',
      description: 'your own default for every workspace',
    },
  ],
  configure: (command) =>
    command
      .addOption(
        new Option('--user', 'write to your user config file')
          .env('PROVISIONING_CONFIG_USER')
          .conflicts('workspaceFile'),
      )
      .addOption(
        new Option(
          '--workspace-file',
          "write to the workspace's provisioning.yaml (the default inside a workspace)",
        ).env('PROVISIONING_CONFIG_WORKSPACE_FILE'),
      ),
  handler: () => import('./handler.js'),
};

import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const workspaceInitCommand: CommandDefinition = {
  name: 'init',
  arguments: '[dir]',
  summary: 'create a workspace from a template',
  description: [
    'Create a workspace in DIR (default: the current directory) from a built-in template:',
    'minimal (one static host with the base taskserv), web (nginx and redis on two hosts),',
    'kubernetes (a k3s server and two agents) or multi-env (dev, staging and prod sharing settings).',
    'Existing files are never overwritten unless --force is given; on refusal nothing is written.',
    'The new workspace is validated before the command returns.',
  ].join('\n'),
  examples: [
    {
      command: 'provisioning workspace init',
      description: 'create a minimal workspace in the current directory',
    },
    {
      command: 'provisioning workspace init shop --template web',
      description: 'create ./shop with nginx and redis hosts',
    },
    {
      command: 'provisioning workspace init platform --template multi-env --infra staging',
      description: 'dev, staging and prod infras, with staging as the default',
    },
  ],
  configure: (command) =>
    command
      .addOption(
        new Option('-t, --template <name>', 'template to start from')
          .default('minimal')
          .env('PROVISIONING_TEMPLATE'),
      )
      .addOption(
        new Option('-n, --name <name>', "workspace name (default: the directory's name)").env(
          'PROVISIONING_WORKSPACE_NAME',
        ),
      )
      .addOption(
        new Option('-i, --infra <name>', "name of the first infra (default: the template's, e.g. main)").env(
          'PROVISIONING_INFRA',
        ),
      )
      .addOption(new Option('-f, --force', 'overwrite files that already exist').env('PROVISIONING_FORCE')),
  handler: () => import('./handler.js'),
};

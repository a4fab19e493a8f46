import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const configEditCommand: CommandDefinition = {
  name: 'edit',
  summary: 'open provisioning.yaml or your user config in $VISUAL/$EDITOR, then validate it',
  description: [
    'Open a copy of the file in $VISUAL (else $EDITOR, else vi). When the editor exits, the copy is',
    'validated: a valid edit replaces the file in one step (the old version stays as <file>.bak);',
    'an invalid edit leaves the file untouched, keeps your edit as <name>.rejected.yaml and lists',
    'its problems with file:line:col.',
  ].join('\n'),
  examples: [
    { command: 'provisioning config edit', description: "edit the workspace's provisioning.yaml" },
    {
      command: 'EDITOR=nano provisioning config edit --user',
      description: 'edit your user config with nano',
    },
  ],
  configure: (command) =>
    command
      .addOption(
        new Option('--user', 'edit your user config file')
          .env('PROVISIONING_CONFIG_USER')
          .conflicts('workspaceFile'),
      )
      .addOption(
        new Option(
          '--workspace-file',
          "edit the workspace's provisioning.yaml (the default inside a workspace)",
        ).env('PROVISIONING_CONFIG_WORKSPACE_FILE'),
      ),
  handler: () => import('./handler.js'),
};

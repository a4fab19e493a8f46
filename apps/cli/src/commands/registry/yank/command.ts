import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const registryYankCommand: CommandDefinition = {
  name: 'yank',
  arguments: '<package>',
  summary: 'mark NAME@VERSION yanked in a directory registry: new installs skip it, existing locks keep it',
  examples: [
    {
      command:
        'provisioning registry yank my-thing@0.1.0 --registry /srv/registry --reason "wrong config path"',
      description: 'withdraw a broken version',
    },
    {
      command: 'provisioning registry yank my-thing@0.1.0 --registry /srv/registry --undo',
      description: 'offer it again',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--registry <dir>', 'the registry directory')
          .makeOptionMandatory()
          .env('PROVISIONING_REGISTRY_DIR'),
      )
      .addOption(
        new Option('--reason <text>', 'why, shown by extension info').env('PROVISIONING_YANK_REASON'),
      )
      .addOption(new Option('--undo', 'un-yank the version').env('PROVISIONING_YANK_UNDO'));
  },
  handler: () => import('./handler.js'),
};

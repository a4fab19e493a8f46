import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionNewCommand: CommandDefinition = {
  name: 'new',
  arguments: '<name>',
  summary: 'create an extension folder anywhere: manifest, src/index.ts, its spec, README and configs',
  description:
    'Writes the same files as the Nx generator (`nx g @provisioning/nx-plugin:extension`), with self-contained configs so the folder works outside this repository. Link it into a workspace to try it (`extension link`), pack it (`extension pack`) and publish it (`registry publish`).',
  examples: [
    { command: 'provisioning extension new my-thing --kind taskserv', description: 'create ./my-thing' },
    {
      command: 'provisioning extension new my-thing --dir ~/src/my-thing --description "Sets up my thing."',
      description: 'somewhere else, with a description',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--kind <kind>', 'what it extends')
          .choices(['taskserv', 'provider', 'cluster'])
          .default('taskserv')
          .env('PROVISIONING_EXTENSION_KIND'),
      )
      .addOption(
        new Option('--dir <path>', 'folder to create (default: ./NAME); must not exist or be empty').env(
          'PROVISIONING_EXTENSION_DIR',
        ),
      )
      .addOption(
        new Option('--description <text>', 'one sentence saying what it does').env(
          'PROVISIONING_EXTENSION_DESCRIPTION',
        ),
      );
  },
  handler: () => import('./handler.js'),
};

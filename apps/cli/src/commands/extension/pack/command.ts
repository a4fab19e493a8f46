import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionPackCommand: CommandDefinition = {
  name: 'pack',
  arguments: '[path]',
  summary: 'build an extension folder and write its reproducible package tarball (+ .sha256)',
  description:
    'Builds dist/index.js from src/ and writes <kind>-<name>-<version>.tgz of manifest.yaml, README.md and dist/ (the same bytes on any machine), ready for `registry publish`. Inside this repository, `nx run <project>:package` does the same.',
  examples: [
    {
      command: 'provisioning extension pack ./my-thing --out dist',
      description: 'dist/taskserv-my-thing-0.1.0.tgz and its .sha256',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--out <dir>', 'where to write the tarball').default('.').env('PROVISIONING_PACK_OUT'),
    );
  },
  handler: () => import('./handler.js'),
};

import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionLinkCommand: CommandDefinition = {
  name: 'link',
  arguments: '<path>',
  summary: 'use an extension folder live, for development: rebuilt from its src/ whenever it changed',
  description:
    'Records PATH (a folder with manifest.yaml and src/index.ts, e.g. made by `extension new`) in .provisioning/links.json. A linked extension comes first in the search order, whatever is installed, and its dist/index.js is rebuilt from src/ whenever a source file is newer, so each plan and apply runs your latest code. Links are for one machine: .provisioning/ is not committed.',
  examples: [
    {
      command: 'provisioning extension link ../my-thing',
      description: 'plan and apply use ../my-thing from now on',
    },
    {
      command: 'provisioning extension unlink my-thing',
      description: 'back to the installed or built-in version',
    },
  ],
  handler: () => import('./handler.js'),
};

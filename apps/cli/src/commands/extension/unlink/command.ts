import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionUnlinkCommand: CommandDefinition = {
  name: 'unlink',
  arguments: '<name>',
  summary: 'stop using a linked extension folder; the installed or built-in version applies again',
  examples: [
    {
      command: 'provisioning extension unlink my-thing',
      description: 'forget the link made by `extension link`',
    },
  ],
  handler: () => import('./handler.js'),
};

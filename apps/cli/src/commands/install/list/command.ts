import type { CommandDefinition } from '../../../cli/command-definition';
import { addTargetOptions } from '../install-options';

export const installListCommand: CommandDefinition = {
  name: 'list',
  summary: 'which catalog tools are installed, at which versions, here or on servers',
  description:
    "For this machine (or each selected server, one round trip per host): every catalog tool with the version its link on PATH points to, the versions kept beside it, and a link on PATH that is not Provisioning's (a distribution package, a manual copy).",
  examples: [
    { command: 'provisioning install list', description: 'tools installed on this machine' },
    {
      command: 'provisioning install list --servers role=pi --output json',
      description: 'tools on the Raspberry Pis, for a script',
    },
  ],
  configure: addTargetOptions,
  handler: () => import('./handler.js'),
};

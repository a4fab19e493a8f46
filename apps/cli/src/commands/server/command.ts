import type { CommandDefinition } from '../../cli/command-definition';
import { serverCreateCommand } from './create/command';
import { serverDeleteCommand } from './delete/command';
import { serverExecCommand } from './exec/command';
import { serverFactsCommand } from './facts/command';
import { serverListCommand } from './list/command';
import { serverSshCommand } from './ssh/command';

export const serverCommand: CommandDefinition = {
  name: 'server',
  summary: 'create, delete and list the servers of an infra, open a shell on one, or run a command on it',
  description:
    'The servers an infra defines (infra/<name>/*.yaml servers:), with the connection settings that apply to each (server fields over settings ssh.*), and direct access to one of them.',
  examples: [
    {
      command: 'provisioning server list',
      description: 'servers of the default infra and the taskservs on each',
    },
    {
      command: 'provisioning server create --yes',
      description: 'create the servers a provider makes (nspawn, clouds) that do not exist yet',
    },
    {
      command: 'provisioning server ssh web-1',
      description: 'an interactive shell on web-1 with the workspace known_hosts',
    },
  ],
  subcommands: [
    serverCreateCommand,
    serverDeleteCommand,
    serverListCommand,
    serverFactsCommand,
    serverSshCommand,
    serverExecCommand,
  ],
};

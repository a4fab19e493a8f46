import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const serverCreateCommand: CommandDefinition = {
  name: 'create',
  arguments: '[names...]',
  summary:
    'create servers through their provider (nspawn, cloud providers), after showing where and at which size',
  description:
    "Create the named servers, or every server of the infra whose provider creates servers (not static). First the plan: each server with its provider, zone, size and image, and whether it is new, an interrupted create to finish, or already there. Then, after confirmation (--yes when nobody is at a terminal), each server is recorded in the state store before and after the provider call, the SSH key of ssh.key (or the server's ssh_key) is put on it, its host key goes into the workspace known_hosts, and the command returns once SSH answers. Running it again finishes an interrupted create without making a second server; with --check it only plans.",
  examples: [
    {
      command: 'provisioning server create --yes',
      description: 'create every server of the default infra that does not exist yet',
    },
    {
      command: 'provisioning server create web-1 web-2 --infra dev',
      description: 'show the plan for two servers, ask, then create them',
    },
    {
      command: 'provisioning server create --check --output json',
      description: 'only the plan, for a script (exit 2 when something would be created)',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option(
        '--infra <name>',
        'infra whose servers to create (default: default_infra, or the only one)',
      ).env('PROVISIONING_INFRA'),
    );
  },
  handler: () => import('./handler.js'),
};

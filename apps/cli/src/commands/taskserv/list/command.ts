import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const taskservListCommand: CommandDefinition = {
  name: 'list',
  summary: 'available taskservs, and where each entry of the infra is installed',
  description:
    "List the task services this CLI can install (name, version, description, params), then, inside a workspace, each taskserv entry of the infra with the servers it targets and, per server, what the state store recorded: installed version, a short hash of the params applied (marked when the infra's params changed since), the run that installed it and when.",
  examples: [
    {
      command: 'provisioning taskserv list --infra prod',
      description: 'the taskservs of prod and where they are installed',
    },
    {
      command: "provisioning taskserv list --output json | jq '.available[].name'",
      description: 'names of the available taskservs',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option(
        '--infra <name>',
        'infra whose entries to show (default: default_infra, or the only one)',
      ).env('PROVISIONING_INFRA'),
    );
  },
  handler: () => import('./handler.js'),
};

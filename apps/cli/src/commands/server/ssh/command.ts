import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const serverSshCommand: CommandDefinition = {
  name: 'ssh',
  arguments: '<name>',
  summary: "open an interactive shell on a server with the system's ssh client",
  description:
    "Run the system `ssh` client against one server with the connection the infra gives it: user, port, key, jump host (as a ProxyCommand that gives the jump hop the same known_hosts and checking), and host keys checked against the workspace known_hosts (settings ssh.known_hosts, default .provisioning/known_hosts) and then ~/.ssh/known_hosts, with StrictHostKeyChecking=yes, or accept-new when settings ssh.strict_host_key_checking says so (as for apply). Exits with ssh's exit code.",
  examples: [
    { command: 'provisioning server ssh web-1', description: 'a shell on web-1' },
    { command: 'provisioning server ssh db-1 --infra prod', description: 'a shell on db-1 of prod' },
  ],
  configure: (command) => {
    command.addOption(
      new Option(
        '--infra <name>',
        'infra the server belongs to (default: default_infra, or the only one)',
      ).env('PROVISIONING_INFRA'),
    );
  },
  handler: () => import('./handler.js'),
};

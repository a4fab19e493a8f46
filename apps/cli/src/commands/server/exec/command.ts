import type { CommandDefinition } from '../../../cli/command-definition';
import { AD_HOC_OPTIONS, addOptions } from '../../../options/run-options';

export const serverExecCommand: CommandDefinition = {
  name: 'exec',
  arguments: '<name> <command...>',
  summary: 'run a command on one server over its pooled connection',
  description:
    "Run a command on one server, without an interactive session: the words after `--` are joined with spaces and run under /bin/sh on the host, as `ssh` would. Output lines are prefixed with the server name (grouped with --output json); exit 1 when the command returns non-zero. For several servers at once use 'provisioning run'.",
  examples: [
    {
      command: 'provisioning server exec web-1 -- systemctl status nginx',
      description: 'the status of nginx on web-1',
    },
    {
      command: "provisioning server exec db-1 --sudo -- 'journalctl -u postgresql -n 50'",
      description: 'the last log lines of postgresql, through sudo',
    },
  ],
  configure: (command) => addOptions(command, AD_HOC_OPTIONS),
  handler: () => import('./handler.js'),
};

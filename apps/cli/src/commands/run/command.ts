import type { CommandDefinition } from '../../cli/command-definition';
import { addOptions, RUN_COMMAND_OPTIONS } from '../../options/run-options';

export const runCommand: CommandDefinition = {
  name: 'run',
  arguments: '<command>',
  summary: 'run an ad-hoc shell command on the selected servers, in parallel',
  description:
    "Run one shell command line on every selected server at once (--parallel), over the same pooled SSH connections as apply. The command goes to each host as typed (quote it for your local shell) and runs under /bin/sh, except that {{secret.NAME}} and {{env.NAME}} become their values quoted for sh; secret values are masked as *** in all output. Output streams as it comes, each line prefixed with its host; --output json groups it per host ({host, code, stdout, stderr, durationMs}). Exit 1 when any host failed or returned non-zero. --servers is required: 'all' selects every server.",
  examples: [
    { command: "provisioning run 'uptime' --servers all", description: 'load of every server' },
    {
      command: "provisioning run 'systemctl restart nginx' --servers role=web --sudo --parallel 2",
      description: 'restart nginx on the web servers, two at a time',
    },
    {
      command:
        "provisioning run 'df -h /' --servers web-1,web-2 --output json | jq '.hosts[] | {host, code}'",
      description: 'exit codes per host, for a script',
    },
    {
      command:
        'provisioning run \'PGPASSWORD={{secret.DB_PASSWORD}} psql -h localhost -c "select 1"\' --servers role=db',
      description: 'use a secret on the hosts without printing it',
    },
  ],
  configure: (command) => addOptions(command, RUN_COMMAND_OPTIONS),
  handler: () => import('./handler.js'),
};

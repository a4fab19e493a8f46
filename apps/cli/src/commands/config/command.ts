import type { CommandDefinition } from '../../cli/command-definition';
import { configEditCommand } from './edit/command';
import { configGetCommand } from './get/command';
import { configSetCommand } from './set/command';
import { configShowCommand } from './show/command';

export const configCommand: CommandDefinition = {
  name: 'config',
  summary: 'show, get, set and edit settings, and see which layer each value comes from',
  description: [
    'Settings come from six layers; a higher layer wins key by key:',
    '  default < user ($XDG_CONFIG_HOME/provisioning/config.yaml)',
    '  < workspace (provisioning.yaml) < infra (infra/<name>/*.yaml settings:)',
    '  < env (PROVISIONING_<SECTION>_<KEY>) < flags.',
    '',
    'Keys are written section.key, e.g. ssh.user, run.parallelism (see docs/workspace.md).',
  ].join('\n'),
  examples: [
    {
      command: 'provisioning config show --origin',
      description: 'every effective setting and the layer it came from',
    },
    {
      command: 'provisioning config set ssh.user deploy',
      description: "set the workspace's default SSH user",
    },
  ],
  subcommands: [configShowCommand, configGetCommand, configSetCommand, configEditCommand],
};

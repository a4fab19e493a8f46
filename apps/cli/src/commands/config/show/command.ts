import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const configShowCommand: CommandDefinition = {
  name: 'show',
  summary: 'print the effective settings (and taskserv params of the infra)',
  description: [
    'Print every effective setting after layering default < user < workspace < infra < env < flags,',
    'and the layered params of each taskserv of the infra (extension defaults < workspace < infra).',
    'With --origin, each value names its layer and the exact place it was set (file:line:col or $VARIABLE).',
  ].join('\n'),
  examples: [
    { command: 'provisioning config show --origin', description: 'see where every value comes from' },
    {
      command: 'provisioning config show --infra staging --output json',
      description: 'the settings for the staging infra, as JSON',
    },
  ],
  configure: (command) =>
    command
      .addOption(
        new Option('--origin', 'show the layer and file:line:col each value came from').env(
          'PROVISIONING_CONFIG_ORIGIN',
        ),
      )
      .addOption(
        new Option(
          '-i, --infra <name>',
          "the infra whose overrides apply (default: the workspace's default_infra)",
        ).env('PROVISIONING_INFRA'),
      ),
  handler: () => import('./handler.js'),
};

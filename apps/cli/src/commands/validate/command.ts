import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';

export const validateCommand: CommandDefinition = {
  name: 'validate',
  summary: 'check the workspace and its infras; report every problem with file:line:col',
  description: [
    'Check provisioning.yaml and every infra under infra/ (or only --infra NAME): YAML syntax, each',
    'file against its schema (with "did you mean" for unknown keys), duplicate names, references to',
    'servers and taskservs that do not exist, dependency cycles, {{...}} references and secrets files;',
    'and every workflow file under workflows/ (schema, unknown and cyclic step dependencies) unless',
    '--infra names one infra. Every problem is reported, not just the first. Exit 1 on any error, 0',
    'with warnings only.',
  ].join('\n'),
  examples: [
    { command: 'provisioning validate', description: 'check the whole workspace' },
    {
      command: 'provisioning validate --infra prod --output json',
      description: 'check one infra; the report as JSON',
    },
    {
      command: 'provisioning validate --write-schemas',
      description: 'also write JSON Schemas to .provisioning/schemas/ for editors',
    },
  ],
  configure: (command) =>
    command
      .addOption(
        new Option('-i, --infra <name>', 'check only this infra (and no workflow files)').env(
          'PROVISIONING_INFRA',
        ),
      )
      .addOption(
        new Option(
          '--write-schemas',
          'write the JSON Schemas of every file to .provisioning/schemas/ so editors validate as you type',
        ).env('PROVISIONING_WRITE_SCHEMAS'),
      ),
  handler: () => import('./handler.js'),
};

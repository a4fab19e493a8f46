import type { CommandDefinition } from '../../cli/command-definition';
import { workspaceInitCommand } from './init/command';

export const workspaceCommand: CommandDefinition = {
  name: 'workspace',
  summary: 'create and manage workspaces',
  description: 'Create a workspace (provisioning.yaml and infra/<name>/) from a template.',
  examples: [
    {
      command: 'provisioning workspace init shop --template web',
      description: 'create ./shop from the web template',
    },
  ],
  subcommands: [workspaceInitCommand],
};

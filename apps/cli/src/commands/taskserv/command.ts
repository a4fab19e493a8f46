import type { CommandDefinition } from '../../cli/command-definition';
import { taskservInstallCommand } from './install/command';
import { taskservListCommand } from './list/command';
import { taskservRemoveCommand } from './remove/command';
import { taskservStatusCommand } from './status/command';

export const taskservCommand: CommandDefinition = {
  name: 'taskserv',
  summary: 'task services: which are available, where they are installed, install, remove, status',
  description:
    'A task service (taskserv) is a versioned extension that installs and configures one piece of software on a server. An infra lists entries (infra/<name>/*.yaml taskservs:) that say which taskserv goes on which servers with which params; these commands work on one entry at a time, where apply works on all.',
  examples: [
    {
      command: 'provisioning taskserv list',
      description: 'available taskservs, and where each entry of the default infra is installed',
    },
    {
      command: 'provisioning taskserv status redis',
      description: 'is redis converged on every server it targets?',
    },
    {
      command: 'provisioning taskserv install redis --servers cache-1 --yes',
      description: 'apply only the redis entry, only on cache-1',
    },
  ],
  subcommands: [taskservListCommand, taskservInstallCommand, taskservRemoveCommand, taskservStatusCommand],
};

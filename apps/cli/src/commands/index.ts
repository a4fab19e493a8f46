import type { CommandDefinition } from '../cli/command-definition';
import { applyCommand } from './apply/command';
import { clusterCommand } from './cluster/command';
import { configCommand } from './config/command';
import { doctorCommand } from './doctor/command';
<<<<<<< HEAD
import { orchestratorCommand } from './orchestrator/command';
=======
import { installCommand } from './install/command';
>>>>>>> w16-installers
import { planCommand } from './plan/command';
import { providerCommand } from './provider/command';
import { runCommand } from './run/command';
import { sbcCommand } from './sbc/command';
import { scanCommand } from './scan/command';
import { serverCommand } from './server/command';
import { stateCommand } from './state/command';
import { taskservCommand } from './taskserv/command';
import { validateCommand } from './validate/command';
import { workflowCommand } from './workflow/command';
import { workspaceCommand } from './workspace/command';

/** Every top-level command, in the order help lists them (help also sorts). */
export const commands: CommandDefinition[] = [
  applyCommand,
  clusterCommand,
  configCommand,
  doctorCommand,
<<<<<<< HEAD
  orchestratorCommand,
=======
  installCommand,
>>>>>>> w16-installers
  planCommand,
  providerCommand,
  runCommand,
  sbcCommand,
  scanCommand,
  serverCommand,
  stateCommand,
  taskservCommand,
  validateCommand,
  workflowCommand,
  workspaceCommand,
];

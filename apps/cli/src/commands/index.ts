import type { CommandDefinition } from '../cli/command-definition';
import { applyCommand } from './apply/command';
import { configCommand } from './config/command';
import { doctorCommand } from './doctor/command';
import { extensionCommand } from './extension/command';
import { planCommand } from './plan/command';
import { registryCommand } from './registry/command';
import { runCommand } from './run/command';
import { serverCommand } from './server/command';
import { stateCommand } from './state/command';
import { taskservCommand } from './taskserv/command';
import { validateCommand } from './validate/command';
import { versionCommand } from './version/command';
import { workspaceCommand } from './workspace/command';

/** Every top-level command, in the order help lists them (help also sorts). */
export const commands: CommandDefinition[] = [
  applyCommand,
  configCommand,
  doctorCommand,
  extensionCommand,
  planCommand,
  registryCommand,
  runCommand,
  serverCommand,
  stateCommand,
  taskservCommand,
  validateCommand,
  versionCommand,
  workspaceCommand,
];

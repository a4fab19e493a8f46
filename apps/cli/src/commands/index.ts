import type { CommandDefinition } from '../cli/command-definition';
import { applyCommand } from './apply/command';
import { clusterCommand } from './cluster/command';
import { configCommand } from './config/command';
import { doctorCommand } from './doctor/command';
import { extensionCommand } from './extension/command';
import { installCommand } from './install/command';
import { mcpCommand } from './mcp/command';
import { orchestratorCommand } from './orchestrator/command';
import { planCommand } from './plan/command';
import { providerCommand } from './provider/command';
import { registryCommand } from './registry/command';
import { runCommand } from './run/command';
import { sbcCommand } from './sbc/command';
import { scanCommand } from './scan/command';
import { serverCommand } from './server/command';
import { stateCommand } from './state/command';
import { taskservCommand } from './taskserv/command';
import { testCommand } from './test/command';
import { validateCommand } from './validate/command';
import { versionCommand } from './version/command';
import { workflowCommand } from './workflow/command';
import { workspaceCommand } from './workspace/command';

/** Every top-level command, in the order help lists them (help also sorts). */
export const commands: CommandDefinition[] = [
  applyCommand,
  clusterCommand,
  configCommand,
  doctorCommand,
  extensionCommand,
  installCommand,
  mcpCommand,
  orchestratorCommand,
  planCommand,
  providerCommand,
  registryCommand,
  runCommand,
  sbcCommand,
  scanCommand,
  serverCommand,
  stateCommand,
  taskservCommand,
  testCommand,
  validateCommand,
  versionCommand,
  workflowCommand,
  workspaceCommand,
];

import type { CommandDefinition } from '../cli/command-definition';
import { doctorCommand } from './doctor/command';

/** Every top-level command, in the order help lists them (help also sorts). */
export const commands: CommandDefinition[] = [doctorCommand];

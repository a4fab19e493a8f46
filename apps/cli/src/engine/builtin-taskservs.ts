import type { TaskservDefinition } from '@provisioning/sdk';
import { taskservs } from '@provisioning/builtin-extensions';

/** The task services this CLI ships with, by name (installed ones from a registry come later). */
export function builtinTaskservs(): ReadonlyMap<string, TaskservDefinition> {
  return new Map(taskservs.map((definition) => [definition.name, definition]));
}

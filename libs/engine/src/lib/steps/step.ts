import type { Server, TaskservRef } from '@provisioning/config';
import type { TaskservDefinition } from '@provisioning/sdk';

/** One task service on one server: the unit the engine plans, orders and applies. */
export interface Step {
  /** `<taskserv entry>@<server>`, unique within a run. */
  id: string;
  /** The taskserv entry of the infra (its `name`). */
  entry: TaskservRef;
  definition: TaskservDefinition;
  server: Server;
  /** Params after layering (extension defaults < workspace < infra). */
  params: Record<string, unknown>;
  /** Steps that must be applied first (same server, or another server for cross-host dependencies). */
  dependsOn: string[];
}

export function stepId(entryName: string, serverName: string): string {
  return `${entryName}@${serverName}`;
}

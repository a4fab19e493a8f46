import { type Infra, selectServers, type Server, type TaskservRef } from '@provisioning/config';
import type { TaskservDefinition } from '@provisioning/sdk';
import { EngineError } from '../errors';
import { type Step, stepId } from './step';

/** Finds the definition of a task service by the extension name an infra entry uses. */
export type TaskservResolver = (entry: TaskservRef) => TaskservDefinition | undefined;

export interface BuildStepsOptions {
  /** Only these servers (by name); the default is every server a taskserv targets. */
  servers?: ReadonlySet<string>;
}

/**
 * Expands an infra into steps: each taskserv entry on each server it targets (its own `servers`/
 * `selector`, plus the servers of every cluster role that lists it). A dependency on a taskserv
 * that also runs on the same server orders the two there; a dependency on one that runs elsewhere
 * (a k3s agent on the k3s server) waits for every server of the dependency.
 */
export function buildSteps(infra: Infra, resolve: TaskservResolver, options: BuildStepsOptions = {}): Step[] {
  const targets = entryServers(infra);
  const steps: Step[] = [];
  for (const entry of infra.taskservs) {
    const definition = resolve(entry);
    if (!definition) {
      throw new EngineError(
        `${entry.source.file}:${entry.source.line}:${entry.source.col} taskserv entry "${entry.name}" runs "${entry.taskserv}", which no available extension provides`,
        "see the available ones with 'provisioning taskserv list' and name one in the entry's taskserv: (or name:)",
      );
    }
    const dependencies = [...new Set([...entry.depends_on, ...definition.dependsOn])];
    for (const server of targets.get(entry.name) ?? []) {
      if (options.servers && !options.servers.has(server.name)) continue;
      const dependsOn = dependencies.flatMap((dependency) => {
        const dependencyServers = targets.get(dependency) ?? [];
        const sameHost = dependencyServers.some((s) => s.name === server.name);
        const onServers = sameHost ? [server] : dependencyServers;
        return onServers.map((s) => stepId(dependency, s.name));
      });
      steps.push({
        id: stepId(entry.name, server.name),
        entry,
        definition,
        server,
        params: entry.resolved.values,
        dependsOn,
      });
    }
  }
  return withinRun(steps);
}

/** The servers each taskserv entry targets (by entry name): its own `servers`/`selector`, plus the servers of every cluster role that lists it. */
export function entryServers(infra: Infra): Map<string, Server[]> {
  const targets = new Map<string, Server[]>();
  for (const entry of infra.taskservs) targets.set(entry.name, selectServers(infra, entry));
  for (const cluster of infra.clusters) {
    for (const role of Object.values(cluster.roles)) {
      const roleServers = selectServers(infra, role);
      for (const name of role.taskservs ?? []) {
        const current = targets.get(name) ?? [];
        targets.set(name, dedupe([...current, ...roleServers], infra.servers));
      }
    }
  }
  return targets;
}

/** Dependencies outside the selected servers are assumed already applied; only in-run edges order steps. */
function withinRun(steps: Step[]): Step[] {
  const ids = new Set(steps.map((step) => step.id));
  return steps.map((step) => ({ ...step, dependsOn: step.dependsOn.filter((id) => ids.has(id)) }));
}

function dedupe(servers: Server[], order: Server[]): Server[] {
  const names = new Set(servers.map((server) => server.name));
  return order.filter((server) => names.has(server.name));
}

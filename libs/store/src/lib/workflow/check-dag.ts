import { WorkflowDefinitionError } from './errors';
import type { NewStep } from './workflow-store';

/**
 * Refuses steps that do not form a DAG: a duplicate id, a dependency on an unknown step, a cycle
 * (named, e.g. `a -> b -> a`). Returns the ids in a dependency order.
 */
export function checkDag(steps: readonly NewStep[]): string[] {
  const byId = new Map<string, NewStep>();
  for (const step of steps) {
    if (byId.has(step.id))
      throw new WorkflowDefinitionError(
        `Two steps have the id "${step.id}"; step ids must be unique in a workflow.`,
      );
    byId.set(step.id, step);
  }
  for (const step of steps) {
    for (const dependency of step.dependencies) {
      if (!byId.has(dependency.id))
        throw new WorkflowDefinitionError(
          `Step "${step.id}" depends on "${dependency.id}", which is not a step of this workflow.`,
        );
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw new WorkflowDefinitionError(
        `The steps depend on each other in a cycle: ${cycle.join(' -> ')}; remove one of these dependencies.`,
      );
    }
    state.set(id, 'visiting');
    for (const dependency of (byId.get(id) as NewStep).dependencies) visit(dependency.id, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const step of steps) visit(step.id, []);
  return order;
}

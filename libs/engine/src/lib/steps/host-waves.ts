import { EngineError } from '../errors';
import type { Step } from './step';

/** The steps one host runs in one wave, in dependency order. */
export interface HostBatch {
  host: string;
  wave: number;
  steps: Step[];
}

/**
 * Groups steps into waves by cross-host dependencies only: a step on the same host as its
 * dependency shares its wave (the host runs both in order, in one plan and one apply), a step that
 * waits for another host goes one wave later. Each wave runs its hosts in parallel.
 */
export function hostWaves(steps: readonly Step[]): HostBatch[][] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const ordered = topological(steps, byId);
  const wave = new Map<string, number>();
  for (const step of ordered) {
    let index = 0;
    for (const id of step.dependsOn) {
      const dependency = byId.get(id);
      if (!dependency) continue;
      const dependencyWave = wave.get(id) ?? 0;
      index = Math.max(
        index,
        dependency.server.name === step.server.name ? dependencyWave : dependencyWave + 1,
      );
    }
    wave.set(step.id, index);
  }
  const waves: HostBatch[][] = [];
  for (const step of ordered) {
    const index = wave.get(step.id) ?? 0;
    const batches = (waves[index] ??= []);
    let batch = batches.find((b) => b.host === step.server.name);
    if (!batch) batches.push((batch = { host: step.server.name, wave: index, steps: [] }));
    batch.steps.push(step);
  }
  return waves.filter((batches) => batches.length > 0);
}

/** Steps with every dependency before them, otherwise in the order given. */
function topological(steps: readonly Step[], byId: Map<string, Step>): Step[] {
  const result: Step[] = [];
  const placed = new Set<string>();
  const visit = (step: Step, path: string[]) => {
    if (placed.has(step.id)) return;
    if (path.includes(step.id)) {
      throw new EngineError(
        `dependency cycle: ${[...path.slice(path.indexOf(step.id)), step.id].join(' -> ')}`,
        'remove one of the depends_on entries in the cycle',
      );
    }
    for (const id of step.dependsOn) {
      const dependency = byId.get(id);
      if (dependency) visit(dependency, [...path, step.id]);
    }
    placed.add(step.id);
    result.push(step);
  };
  for (const step of steps) visit(step, []);
  return result;
}

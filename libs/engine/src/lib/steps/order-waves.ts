import { EngineError } from '../errors';
import type { Step } from './step';

/**
 * Orders steps into waves: every step of a wave depends only on steps of earlier waves, so a wave
 * runs across hosts in parallel while each host runs its own steps of the wave in order.
 */
export function orderWaves(steps: readonly Step[]): Step[][] {
  const remaining = new Map(steps.map((step) => [step.id, step]));
  const done = new Set<string>();
  const waves: Step[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining.values()].filter((step) => step.dependsOn.every((id) => done.has(id)));
    if (wave.length === 0) throw new EngineError(`dependency cycle: ${describeCycle(remaining)}`, 'remove one of the depends_on entries in the cycle');
    for (const step of wave) {
      remaining.delete(step.id);
      done.add(step.id);
    }
    waves.push(wave);
  }
  return waves;
}

function describeCycle(remaining: Map<string, Step>): string {
  const start = remaining.values().next().value as Step;
  const path: string[] = [];
  const seen = new Set<string>();
  let current: Step | undefined = start;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current.id);
    current = current.dependsOn.map((id) => remaining.get(id)).find((step) => step !== undefined);
  }
  if (current) path.push(current.id);
  return path.slice(path.indexOf(current?.id ?? path[0])).join(' -> ');
}

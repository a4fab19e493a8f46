import type { EngineEvent } from '../run/engine-events';

/**
 * The steps of a scenario, in order: `boot` where its hosts are made for it (`provisioning test`),
 * `reset` only on hosts an earlier run may have used; `runScenario` runs the rest.
 */
export const SCENARIO_STEPS = ['boot', 'reset', 'first apply', 'converge', 'param change', 'remove'] as const;
export type ScenarioStep = (typeof SCENARIO_STEPS)[number];

/** What went wrong: in which step, on which host, in which operation, and what the check saw. */
export interface ScenarioFailure {
  step: ScenarioStep;
  host?: string;
  /** The operation id without its taskserv entry prefix (`config`, `service:redis`). */
  operation?: string;
  message: string;
}

export interface ScenarioStepResult {
  step: ScenarioStep;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failures: ScenarioFailure[];
}

export interface ScenarioResult {
  scenario: string;
  taskserv: string;
  hosts: string[];
  status: 'passed' | 'failed';
  durationMs: number;
  steps: ScenarioStepResult[];
}

/** Progress of a scenario run: its steps, and the engine events of the applies inside them. */
export type ScenarioEvent =
  | { type: 'step-started'; scenario: string; step: ScenarioStep }
  | { type: 'step-finished'; scenario: string; result: ScenarioStepResult }
  | { type: 'engine'; scenario: string; step: ScenarioStep; event: EngineEvent };

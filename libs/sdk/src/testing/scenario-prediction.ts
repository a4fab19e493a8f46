import { createHash } from 'node:crypto';
import type { Operation } from '../lib/operations/types';
import type { TaskservDefinition } from '../lib/taskserv';
import type { TaskservScenario } from '../lib/taskserv-scenario';
import { changedOperationIds, resolveOperations } from './taskserv-test-support';

/** What a scenario's param change predicts for one role, computed from the definition alone. */
export interface ScenarioPrediction {
  role: string;
  /** Ids that differ between the two resolutions, plus the restarts and reloads they trigger. */
  predicted: string[];
  /** The ids the scenario says the testbed run will report. */
  expected: string[];
  /** Operations `remove` resolves to with the changed params. */
  removeOperations: number;
}

/**
 * For a taskserv's unit tests: resolves each changed role's operations with the scenario's
 * first and changed params, so a scenario's `change.changes` is checked before the testbed runs it.
 */
export function predictScenarioChanges(
  definition: TaskservDefinition,
  scenario: TaskservScenario,
  outputs: Record<string, Record<string, string>> = {},
): ScenarioPrediction[] {
  const roles = scenario.roles ?? [{ name: 'all', hosts: [], params: {} }];
  const changedRoles = roles.filter(
    (role) => scenario.change.role === undefined || role.name === scenario.change.role,
  );
  const options = { secrets: scenario.apply.secrets, outputs };
  return changedRoles.map((role) => {
    const first = resolveOperations(
      definition,
      fillPlaceholders({ ...scenario.apply.params, ...role.params }),
      options,
    );
    const changedParams = fillPlaceholders({ ...scenario.change.params, ...role.params });
    const changed = resolveOperations(definition, changedParams, options);
    const differing = changedOperationIds(first, changed);
    return {
      role: role.name,
      predicted: [...new Set([...differing, ...triggeredBy(changed, differing)])].sort(),
      expected: [...scenario.change.changes].sort(),
      removeOperations: resolveOperations(definition, changedParams, { ...options, action: 'remove' }).length,
    };
  });
}

/** Operations the host reports changed because a watched one did: restarts (restartOn) and stamped reloads (after). */
function triggeredBy(operations: Operation[], differing: string[]): string[] {
  const watches = (operation: Operation) =>
    operation.kind === 'service'
      ? (operation.restartOn ?? [])
      : operation.kind === 'shell'
        ? (operation.after ?? [])
        : [];
  return operations
    .filter((operation) => watches(operation).some((id) => differing.includes(id)))
    .map((operation) => operation.id);
}

/** What the e2e suite substitutes for `${artifacts}` and `${sha256:<path>}` (values of the right shape). */
function fillPlaceholders(params: Record<string, unknown>): Record<string, unknown> {
  const fill = (text: string) =>
    text
      .replace(/\$\{artifacts\}/g, 'http://10.147.0.1:8080')
      .replace(/\$\{sha256:([^}]+)\}/g, (_match, path: string) =>
        createHash('sha256').update(path).digest('hex'),
      );
  return JSON.parse(JSON.stringify(params), (_key, value: unknown) =>
    typeof value === 'string' ? fill(value) : value,
  ) as Record<string, unknown>;
}

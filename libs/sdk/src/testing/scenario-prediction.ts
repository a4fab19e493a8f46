import { createHash } from 'node:crypto';
import type { Operation } from '../lib/operations/types';
import type { InfraView, TaskservDefinition } from '../lib/taskserv';
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
  return changedRoles.map((role) => {
    const options = {
      secrets: scenario.apply.secrets,
      outputs,
      infra: scenarioInfra(scenario, role.hosts[0] ?? 1),
    };
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

const scenarioServer = (host: number) => `scenario-h${host}`;
const scenarioAddress = (host: number) => `10.147.0.${10 + host}`;

/** The infra view the e2e suite's workspace gives host `server`: the scenario's hosts, its entries and companions. */
export function scenarioInfra(scenario: TaskservScenario, server: number): InfraView {
  const all = Array.from({ length: scenario.hosts }, (_, index) => index + 1);
  const entries = [
    ...(scenario.companions ?? []).map((companion) => ({
      name: companion.taskserv,
      taskserv: companion.taskserv,
      hosts: companion.hosts,
    })),
    ...(scenario.roles ?? [{ name: '', hosts: all }]).map((role) => ({
      name: role.name ? `${scenario.taskserv}-${role.name}` : scenario.taskserv,
      taskserv: scenario.taskserv,
      hosts: role.hosts,
    })),
  ];
  return {
    name: 'main',
    server: scenarioServer(server),
    servers: all.map((host) => ({
      name: scenarioServer(host),
      address: scenarioAddress(host),
      labels: {},
      taskservs: entries
        .filter((entry) => entry.hosts.includes(host))
        .map(({ name, taskserv }) => ({ name, taskserv })),
    })),
  };
}

/** What the scenario runner substitutes for `${artifacts}`, `${sha256:<path>}` and `${server:N}` (values of the right shape). */
function fillPlaceholders(params: Record<string, unknown>): Record<string, unknown> {
  const fill = (text: string) =>
    text
      .replace(/\$\{server:([0-9]+)\}/g, (_match, host: string) => scenarioServer(Number(host)))
      .replace(/\$\{artifacts\}/g, 'http://10.147.0.1:8080')
      .replace(/\$\{sha256:([^}]+)\}/g, (_match, path: string) =>
        createHash('sha256').update(path).digest('hex'),
      );
  return JSON.parse(JSON.stringify(params), (_key, value: unknown) =>
    typeof value === 'string' ? fill(value) : value,
  ) as Record<string, unknown>;
}

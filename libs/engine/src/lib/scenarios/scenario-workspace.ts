import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskservScenario } from '@provisioning/sdk';

/** The infra every scenario workspace has: the one `runScenario` opens. */
export const SCENARIO_INFRA = 'main';

/**
 * A workspace for scenarios: `provisioning.yaml` with `settings`, and `infra/main/servers.yaml`
 * with `servers` (static hosts with addresses, or servers a provider creates). The taskservs file
 * is written per step by `writeScenarioTaskservs`.
 */
export function writeScenarioWorkspace(
  root: string,
  contents: { servers: ReadonlyArray<Record<string, unknown>>; settings: Record<string, unknown> },
): void {
  writeFileSync(
    join(root, 'provisioning.yaml'),
    `${JSON.stringify({ name: 'scenarios', default_infra: SCENARIO_INFRA, settings: contents.settings }, null, 2)}\n`,
  );
  mkdirSync(join(root, 'infra', SCENARIO_INFRA), { recursive: true });
  writeFileSync(
    join(root, 'infra', SCENARIO_INFRA, 'servers.yaml'),
    `${JSON.stringify({ servers: contents.servers }, null, 2)}\n`,
  );
}

/** Replaces `${artifacts}`, `${sha256:<path>}` (or any other key given) in every string of `value`. */
export function substitute(value: unknown, substitutions: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [from, to] of substitutions) text = text.split(from).join(to);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, substitutions)]),
    );
  }
  return value;
}

export interface ScenarioEntry {
  name: string;
  taskserv: string;
  servers: string[];
  params: unknown;
  depends_on?: string[];
  /** The scenario role this entry plays (undefined: all hosts). */
  role?: string;
}

/** The hosts (server names) of a scenario role, or every host when `role` is undefined. */
export function roleHosts(scenario: TaskservScenario, hosts: readonly string[], role?: string): string[] {
  if (!role) return [...hosts];
  return (scenario.roles?.find((r) => r.name === role)?.hosts ?? []).map((n) => hosts[n - 1]);
}

/** `${server:N}`: the name of the scenario's host N, for params and checks that name another host. */
export function hostSubstitutions(hosts: readonly string[]): Map<string, string> {
  return new Map(hosts.map((host, index) => [`\${server:${index + 1}}`, host]));
}

/**
 * The companions' entries (other task services the scenario places on some hosts), then one
 * taskserv entry per role (each after the previous one), or one entry on every host. `params`
 * go to every role, or only to `onlyRole` (a scenario's change targets one role; the others keep
 * the params they were applied with).
 */
export function scenarioEntries(
  scenario: TaskservScenario,
  hosts: readonly string[],
  params: Record<string, unknown>,
  substitutions: ReadonlyMap<string, string>,
  onlyRole?: string,
): ScenarioEntry[] {
  const companions = (scenario.companions ?? []).map((companion) => ({
    name: companion.taskserv,
    taskserv: companion.taskserv,
    servers: companion.hosts.map((n) => hosts[n - 1]),
    params: substitute(companion.params ?? {}, substitutions),
  }));
  return [...companions, ...ownEntries(scenario, hosts, params, substitutions, onlyRole)];
}

function ownEntries(
  scenario: TaskservScenario,
  hosts: readonly string[],
  params: Record<string, unknown>,
  substitutions: ReadonlyMap<string, string>,
  onlyRole?: string,
): ScenarioEntry[] {
  if (!scenario.roles) {
    return [
      {
        name: scenario.taskserv,
        taskserv: scenario.taskserv,
        servers: [...hosts],
        params: substitute(params, substitutions),
      },
    ];
  }
  return scenario.roles.map((role, index) => ({
    name: `${scenario.taskserv}-${role.name}`,
    taskserv: scenario.taskserv,
    role: role.name,
    servers: role.hosts.map((n) => hosts[n - 1]),
    params: substitute(
      { ...(onlyRole && role.name !== onlyRole ? scenario.apply.params : params), ...role.params },
      substitutions,
    ),
    ...(index > 0 ? { depends_on: [`${scenario.taskserv}-${scenario.roles?.[index - 1].name}`] } : {}),
  }));
}

export function writeScenarioTaskservs(root: string, entries: readonly ScenarioEntry[]): void {
  const taskservs = entries.map(({ role: _role, ...entry }) => entry);
  writeFileSync(
    join(root, 'infra', SCENARIO_INFRA, 'taskservs.yaml'),
    `${JSON.stringify({ taskservs }, null, 2)}\n`,
  );
}

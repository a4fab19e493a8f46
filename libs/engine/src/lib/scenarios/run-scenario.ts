import type { ProviderDefinition, TaskservDefinition, TaskservScenario } from '@provisioning/sdk';
import type { InfraHandle } from '../infra/infra-handle';
import { openInfra } from '../infra/open-infra';
import type { RunAction } from '../run/engine-events';
import type { RunResult } from '../run/run-result';
import { runScenarioChecks } from './scenario-checks';
import type {
  ScenarioEvent,
  ScenarioFailure,
  ScenarioResult,
  ScenarioStep,
  ScenarioStepResult,
} from './scenario-result';
import {
  hostSubstitutions,
  roleHosts,
  SCENARIO_INFRA,
  scenarioEntries,
  substitute,
  writeScenarioTaskservs,
} from './scenario-workspace';

export interface RunScenarioOptions {
  scenario: TaskservScenario;
  /** A scenario workspace (`writeScenarioWorkspace`) whose infra lists `hosts`, reachable now. */
  workspace: string;
  /** Server names: the scenario's host 1, 2, ... */
  hosts: readonly string[];
  /** Built-in definitions (linked extensions of the workspace resolve first, as always). */
  taskservs?: Iterable<TaskservDefinition>;
  providers?: Iterable<ProviderDefinition>;
  /** For `{{env.X}}`; the scenario's secrets are added as `PROVISIONING_SECRET_*`. */
  env?: NodeJS.ProcessEnv;
  /** `${artifacts}`, `${sha256:<path>}` and their values, when the scenario's artifacts were served. */
  substitutions?: ReadonlyMap<string, string>;
  /** Remove the taskserv first: for hosts an earlier run may have installed it on. */
  reset?: boolean;
  /** How long a check may keep failing before it counts (default 15 s). */
  checkTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ScenarioEvent) => void;
}

/**
 * Runs one scenario through the engine API, as `provisioning apply` would: a first apply and its
 * checks, a second apply that must change nothing, a param change that must plan and change
 * exactly the declared operation ids, and remove with its checks. A failed step ends the run (the
 * later steps are `skipped`); every failure names its step, host and operation.
 */
export async function runScenario(options: RunScenarioOptions): Promise<ScenarioResult> {
  const { scenario, hosts } = options;
  const started = Date.now();
  const substitutions = new Map([...hostSubstitutions(hosts), ...(options.substitutions ?? [])]);
  const env = { ...(options.env ?? {}), ...secretEnv(scenario) };
  const steps: ScenarioStepResult[] = [];
  const open = () =>
    openInfra({
      workspace: options.workspace,
      infra: SCENARIO_INFRA,
      env,
      taskservs: options.taskservs,
      providers: options.providers,
    });
  const withInfra = async <T>(use: (infra: InfraHandle) => Promise<T>): Promise<T> => {
    const infra = await open();
    try {
      return await use(infra);
    } finally {
      await infra.close();
    }
  };
  const apply = (step: ScenarioStep, action: RunAction) =>
    withInfra((infra) => applyRecording(infra, action, step, options));
  const checks = (step: ScenarioStep, list: TaskservScenario['checks']) =>
    withInfra((infra) =>
      runScenarioChecks(infra, substitute(list, substitutions) as TaskservScenario['checks'], {
        scenario,
        hosts,
        step,
        timeoutMs: options.checkTimeoutMs ?? 15_000,
        signal: options.signal,
      }),
    );
  const writeEntries = (params: Record<string, unknown>, onlyRole?: string) =>
    writeScenarioTaskservs(
      options.workspace,
      scenarioEntries(scenario, hosts, params, substitutions, onlyRole),
    );

  const plan: Array<[ScenarioStep, () => Promise<ScenarioFailure[]>]> = [
    [
      'reset',
      async () => {
        writeEntries(scenario.apply.params);
        return (await apply('reset', 'remove')).failures;
      },
    ],
    [
      'first apply',
      async () => {
        writeEntries(scenario.apply.params);
        const run = await apply('first apply', 'install');
        if (run.failures.length > 0) return run.failures;
        if (run.result.changed === 0)
          return [{ step: 'first apply', message: 'the first apply changed nothing on fresh hosts' }];
        return checks('first apply', scenario.checks);
      },
    ],
    [
      'converge',
      async () => {
        const run = await apply('converge', 'install');
        if (run.failures.length > 0) return run.failures;
        return [...run.changed].flatMap(([host, ids]) =>
          ids.map((operation) => ({
            step: 'converge' as const,
            host,
            operation,
            message: `the second apply with the same params changed ${operation}: it does not converge (a second run must change nothing)`,
          })),
        );
      },
    ],
    [
      'param change',
      async () => {
        writeEntries(scenario.change.params, scenario.change.role);
        const expected = new Map(
          roleHosts(scenario, hosts, scenario.change.role).map((host) => [
            host,
            [...scenario.change.changes],
          ]),
        );
        const planned = await withInfra((infra) => plannedChanges(infra, options.signal));
        const planFailures = compareChanges('param change', 'the plan lists', planned, expected);
        if (planFailures.length > 0) return planFailures;
        const run = await apply('param change', 'install');
        if (run.failures.length > 0) return run.failures;
        return compareChanges('param change', 'the apply changed', run.changed, expected);
      },
    ],
    [
      'remove',
      async () => {
        const run = await apply('remove', 'remove');
        if (run.failures.length > 0) return run.failures;
        return checks('remove', scenario.removed);
      },
    ],
  ];

  let failed = false;
  for (const [step, body] of plan) {
    if (step === 'reset' && !options.reset) continue;
    if (failed) {
      steps.push({ step, status: 'skipped', durationMs: 0, failures: [] });
      continue;
    }
    options.onEvent?.({ type: 'step-started', scenario: scenario.name, step });
    const stepStarted = Date.now();
    let failures: ScenarioFailure[];
    try {
      failures = await body();
    } catch (error) {
      failures = [{ step, message: describeError(error) }];
    }
    const result: ScenarioStepResult = {
      step,
      status: failures.length > 0 ? 'failed' : 'passed',
      durationMs: Date.now() - stepStarted,
      failures,
    };
    steps.push(result);
    options.onEvent?.({ type: 'step-finished', scenario: scenario.name, result });
    failed = failures.length > 0;
  }
  return {
    scenario: scenario.name,
    taskserv: scenario.taskserv,
    hosts: [...hosts],
    status: failed ? 'failed' : 'passed',
    durationMs: Date.now() - started,
    steps,
  };
}

interface RecordedApply {
  result: RunResult;
  /** Per host, the ids (without the entry prefix) the apply reported changed. */
  changed: Map<string, string[]>;
  failures: ScenarioFailure[];
}

async function applyRecording(
  infra: InfraHandle,
  action: RunAction,
  step: ScenarioStep,
  options: RunScenarioOptions,
): Promise<RecordedApply> {
  const changed = new Map<string, string[]>();
  const result = await infra.apply(
    { action },
    {
      signal: options.signal,
      onEvent: (event) => {
        options.onEvent?.({ type: 'engine', scenario: options.scenario.name, step, event });
        if (event.type === 'operation-finished' && event.status === 'changed')
          changed.set(event.host, [...(changed.get(event.host) ?? []), withoutEntry(event.operationId)]);
      },
    },
  );
  const failures = result.hosts
    .filter((host) => host.status !== 'ok')
    .map((host): ScenarioFailure => {
      const error = host.error;
      const detail = [
        error?.message ?? host.skippedBecause ?? host.status,
        error?.exitCode !== undefined && error.exitCode !== null ? `exit ${error.exitCode}` : undefined,
        error?.stderrTail?.length ? `stderr: ${error.stderrTail.join('\n')}` : undefined,
      ].filter(Boolean);
      return {
        step,
        host: host.host,
        operation: error?.operationId ? withoutEntry(error.operationId) : undefined,
        message: `${action} failed: ${detail.join('; ')}`,
      };
    });
  if (result.status === 'cancelled') failures.push({ step, message: `${action} was cancelled` });
  return { result, changed, failures };
}

/** Per host, the ids (without the entry prefix) the plan says will or may change. */
async function plannedChanges(infra: InfraHandle, signal?: AbortSignal): Promise<Map<string, string[]>> {
  const plan = await infra.plan({ signal });
  const changes = new Map<string, string[]>();
  for (const host of plan.hosts) {
    if (host.status === 'error') throw new Error(`${host.host}: the plan failed: ${host.reason ?? ''}`);
    const ids = host.operations.filter((op) => op.status !== 'unchanged').map((op) => withoutEntry(op.id));
    changes.set(host.host, [...(changes.get(host.host) ?? []), ...ids]);
  }
  return changes;
}

/** One failure per operation changed but not declared, and per declared operation not changed. */
function compareChanges(
  step: ScenarioStep,
  what: string,
  actual: ReadonlyMap<string, readonly string[]>,
  expected: ReadonlyMap<string, readonly string[]>,
): ScenarioFailure[] {
  const failures: ScenarioFailure[] = [];
  const hosts = new Set([...actual.keys(), ...expected.keys()]);
  for (const host of [...hosts].sort()) {
    const got = new Set(actual.get(host) ?? []);
    const want = new Set(expected.get(host) ?? []);
    const declared = [...want].sort().join(', ') || 'nothing';
    for (const operation of [...got].sort())
      if (!want.has(operation))
        failures.push({
          step,
          host,
          operation,
          message: `${what} ${operation}, which the scenario does not declare (declared: ${declared}): it changes more than the param change should`,
        });
    for (const operation of [...want].sort())
      if (!got.has(operation))
        failures.push({
          step,
          host,
          operation,
          message: `${what} nothing for ${operation}, which the scenario declares will change (changed: ${[...got].sort().join(', ') || 'nothing'})`,
        });
  }
  return failures;
}

function secretEnv(scenario: TaskservScenario): Record<string, string> {
  return Object.fromEntries(
    Object.entries(scenario.apply.secrets ?? {}).map(([name, value]) => [
      `PROVISIONING_SECRET_${name}`,
      value,
    ]),
  );
}

function withoutEntry(operationId: string): string {
  return operationId.split('/').slice(1).join('/');
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: string }).hint;
  return hint ? `${error.message} (${hint})` : error.message;
}

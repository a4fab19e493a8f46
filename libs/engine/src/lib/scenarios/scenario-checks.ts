import type { TaskservScenario } from '@provisioning/sdk';
import type { InfraHandle } from '../infra/infra-handle';
import type { ScenarioFailure, ScenarioStep } from './scenario-result';
import { roleHosts } from './scenario-workspace';

export interface ScenarioCheckOptions {
  scenario: TaskservScenario;
  hosts: readonly string[];
  step: ScenarioStep;
  /** How long a check may keep failing before it counts (a service started by systemd may take a moment to listen). */
  timeoutMs: number;
  signal?: AbortSignal;
}

type Check = TaskservScenario['checks'][number];

/** Runs each check on the hosts of its role until it exits 0 printing `expect`, or its time is up. */
export async function runScenarioChecks(
  infra: InfraHandle,
  checks: readonly Check[],
  options: ScenarioCheckOptions,
): Promise<ScenarioFailure[]> {
  const failures: ScenarioFailure[] = [];
  for (const check of checks) {
    for (const host of roleHosts(options.scenario, options.hosts, check.role)) {
      const failure = await runCheck(infra, check, host, options);
      if (failure) failures.push(failure);
    }
  }
  return failures;
}

async function runCheck(
  infra: InfraHandle,
  check: Check,
  host: string,
  options: ScenarioCheckOptions,
): Promise<ScenarioFailure | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await infra.runCommand(check.command, {
      servers: [host],
      timeoutMs: 60_000,
      signal: options.signal,
    });
    const run = result.hosts[0];
    const seen = `${run.stdout}${run.stderr}`;
    if (run.code === 0 && seen.includes(check.expect)) return undefined;
    if (Date.now() > deadline || options.signal?.aborted) {
      const exit = run.code === null ? (run.error?.message ?? 'no exit code') : `exit ${run.code}`;
      return {
        step: options.step,
        host,
        message: `check "${check.description}" failed: \`${check.command}\` gave ${exit}, expected output containing "${check.expect}", saw: ${tail(seen)}`,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function tail(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '(no output)';
  return trimmed.length > 400 ? `…${trimmed.slice(-400)}` : trimmed;
}

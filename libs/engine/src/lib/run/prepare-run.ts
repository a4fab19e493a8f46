import { InterpolationError, interpolateValue, isSecret } from '@provisioning/config';
import { EngineError } from '../errors';
import type { InfraView } from '@provisioning/sdk';
import { buildSteps } from '../steps/build-steps';
import { type HostBatch, hostWaves } from '../steps/host-waves';
import { infraView } from '../steps/infra-view';
import type { Step } from '../steps/step';
import type { RunRequest } from './run-request';

export interface PreparedStep extends Step {
  /** Params with `{{...}}` resolved; secrets revealed here and only here, their values listed in `secrets`. */
  runtimeParams: Record<string, unknown>;
}

export interface PreparedRun {
  steps: PreparedStep[];
  waves: Array<Array<HostBatch & { steps: PreparedStep[] }>>;
  /** Secret values to mask in every event, error, state record and output. */
  secrets: string[];
  /** Secrets by name (`DB_PASSWORD` for `{{secret.DB_PASSWORD}}`), for taskserv contexts. */
  secretValues: Record<string, string>;
  /** The infra's servers and the taskservs on each, for every taskserv context (`server` set per host). */
  infra: Omit<InfraView, 'server'>;
}

/** Steps, waves and resolved params for a run; removal runs the waves and each host's steps backwards. */
export function prepareRun(ctx: RunRequest): PreparedRun {
  const allSteps = buildSteps(ctx.infra, ctx.resolveTaskserv, { servers: ctx.servers });
  const selected = ctx.taskservs ? allSteps.filter((step) => ctx.taskservs?.has(step.entry.name)) : allSteps;
  if (ctx.taskservs) {
    const unknown = [...ctx.taskservs].filter(
      (name) => !ctx.infra.taskservs.some((entry) => entry.name === name),
    );
    if (unknown.length) {
      throw new EngineError(
        `infra "${ctx.infra.name}" has no taskserv ${unknown.map((n) => `"${n}"`).join(', ')}`,
        `known: ${ctx.infra.taskservs.map((entry) => entry.name).join(', ') || 'none'}`,
      );
    }
  }
  const ids = new Set(selected.map((step) => step.id));
  const masked = new Set<string>();
  const secretValues: Record<string, string> = {};
  const steps: PreparedStep[] = selected.map((step) => ({
    ...step,
    dependsOn: step.dependsOn.filter((id) => ids.has(id)),
    runtimeParams: reveal(resolveParams(step, ctx), { masked, byName: secretValues }) as Record<
      string,
      unknown
    >,
  }));
  let waves = hostWaves(steps) as PreparedRun['waves'];
  if (ctx.action === 'remove') {
    waves = waves
      .reverse()
      .map((wave) => wave.map((batch) => ({ ...batch, steps: [...batch.steps].reverse() })));
  }
  return {
    steps,
    waves,
    secrets: [...masked],
    secretValues,
    infra: infraView(ctx.infra, ctx.resolveTaskserv),
  };
}

/** The step's params with `{{...}}` resolved; a missing secret or variable names the entry that uses it. */
function resolveParams(step: Step, ctx: RunRequest): unknown {
  try {
    return interpolateValue(step.params, {
      env: ctx.env ?? process.env,
      workspace: { name: ctx.workspaceName },
      infra: { name: ctx.infra.name },
      secrets: ctx.secrets,
    });
  } catch (error) {
    if (!(error instanceof InterpolationError)) throw error;
    const { file, line, col } = step.entry.source;
    throw new EngineError(
      `${file}:${line}:${col} params of taskserv "${step.entry.name}": ${error.message}`,
      'set the secret (PROVISIONING_SECRET_<NAME> or .provisioning/secrets.yaml) or the variable, then plan again',
    );
  }
}

/** Reveals secrets for the host, recording every value to mask: keyed on values, never on references. */
export function reveal(
  value: unknown,
  found: { masked: Set<string>; byName: Record<string, string> },
): unknown {
  if (isSecret(value)) {
    for (const secret of value.revealAll()) found.masked.add(secret);
    for (const [name, secret] of value.sources()) found.byName[name] = secret;
    return value.reveal();
  }
  if (Array.isArray(value)) return value.map((item) => reveal(item, found));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item, found)]));
  }
  return value;
}

import { EngineError } from '../errors';

/** A saved plan cannot be applied at all here (another infra or action, a newer format). */
export class StalePlanError extends EngineError {
  override name = 'StalePlanError';
  constructor(readonly reasons: readonly string[]) {
    super(
      `plan is stale: ${reasons.join('; ')}`,
      "run 'provisioning plan' again, review it, and apply the new plan",
      'stale-plan',
    );
  }
}

import { EngineError } from '../errors';

/** A saved plan no longer matches the hosts or the state: applying it would do something else. */
export class StalePlanError extends EngineError {
  override name = 'StalePlanError';
  constructor(reasons: readonly string[]) {
    super(`plan is stale: ${reasons.join('; ')}`, "run 'provisioning plan' again, review it, and apply the new plan");
  }
}

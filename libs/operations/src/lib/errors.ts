import { redact } from '@provisioning/sdk';

/** The facts round trip itself failed (host unreachable, shell missing, killed): nothing was planned. */
export class FactsGatheringError extends Error {
  override name = 'FactsGatheringError';
  readonly nextStep = 'check that the host is reachable and has a POSIX sh, then plan again';
  constructor(
    readonly host: string,
    readonly exitCode: number | null,
    readonly stderrTail: readonly string[],
    cause?: unknown,
  ) {
    super(
      `Reading facts from host "${host}" failed${exitCode === null ? '' : ` with exit code ${exitCode}`}` +
        `${stderrTail.length ? `: ${stderrTail.join(' | ')}` : cause instanceof Error ? `: ${cause.message}` : ''}. ` +
        'Next: check that the host is reachable and has a POSIX sh, then plan again.',
      { cause },
    );
  }
}

export interface OperationFailure {
  host: string;
  operationId: string;
  kind: string;
  /** The commands that failed, secrets and file contents left out. */
  command: string;
  /** null when there was no exit code (the plan already knew the operation cannot run, or the connection dropped). */
  exitCode: number | null;
  stderrTail: readonly string[];
  reason?: string;
  /** The run was cancelled while this operation ran (it may be half done, e.g. a package install). */
  cancelled?: boolean;
}

/** Apply stopped on a host at this operation; earlier operations on the host are applied, later ones are not. */
export class OperationFailedError extends Error {
  override name = 'OperationFailedError';
  readonly host: string;
  readonly operationId: string;
  readonly kind: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly stderrTail: readonly string[];
  readonly nextStep: string;

  constructor(failure: OperationFailure) {
    const nextStep = suggestNextStep(failure);
    const what = failure.cancelled
      ? 'cancelled while running'
      : (failure.reason ?? (failure.stderrTail.at(-1) || 'no error output'));
    super(
      `Operation "${failure.operationId}" (${failure.kind}) failed on host "${failure.host}"` +
        `${failure.exitCode === null ? '' : ` with exit code ${failure.exitCode}`}: ${what}. Next: ${nextStep}`,
    );
    this.host = failure.host;
    this.operationId = failure.operationId;
    this.kind = failure.kind;
    this.command = failure.command;
    this.exitCode = failure.exitCode;
    this.stderrTail = failure.stderrTail;
    this.nextStep = nextStep;
  }
}

/** Exit code the write scripts use when a file changed between plan and apply. */
export const STALE_PLAN_EXIT = 75;

function suggestNextStep(failure: OperationFailure): string {
  const stderr = failure.stderrTail.join('\n');
  if (failure.cancelled) return 'plan again to see what the interrupted operation left, then apply';
  if (failure.reason) return 'change the operation or the host as described, then plan again';
  if (failure.exitCode === STALE_PLAN_EXIT)
    return 'something else changed the file after planning; run plan again and review the new diff';
  if (failure.exitCode === 127 || /not found/.test(stderr))
    return 'a command is missing on the host; install it (package operation) or fix the command';
  if (/permission denied|operation not permitted|are you root/i.test(stderr))
    return 'the host user lacks permission; apply with sudo or as a user that owns the path';
  return 'fix the cause shown in the error output, then apply again (operations already applied will show unchanged)';
}

/** The last lines of output, secrets masked, for errors and events. */
export function tail(text: string, secrets: readonly string[] = [], count = 10): string[] {
  return redact(text, secrets)
    .split('\n')
    .map((lineText) => lineText.trimEnd())
    .filter(Boolean)
    .slice(-count);
}

export interface FactsChanged {
  host: string;
  operationId: string;
  kind: string;
  /** What differs from the facts the plan was made from, e.g. "/etc/app.ini: content, mode 0644 -> 0600". */
  changed: string;
  /** The names of the facts that differ, sorted (`content`, `mode`, ...); empty when they could not be read. */
  facts?: readonly string[];
}

/** The host changed since it was planned: apply refused it before changing anything on it. */
export class FactsChangedError extends Error {
  override name = 'FactsChangedError';
  readonly host: string;
  readonly operationId: string;
  readonly kind: string;
  readonly changed: string;
  readonly facts: readonly string[];
  /** Nothing ran, so no exit code and no output (the same shape as OperationFailedError's). */
  readonly exitCode = null;
  readonly stderrTail: readonly string[] = [];
  readonly nextStep =
    'something changed the host after the plan was made; run plan again, review it, and apply the new plan';

  constructor(stale: FactsChanged) {
    super(
      `Host "${stale.host}" is stale: operation "${stale.operationId}" (${stale.kind}) was planned from facts that have changed since (${stale.changed}); nothing was changed on the host. ` +
        'Next: run plan again, review it, and apply the new plan.',
    );
    this.host = stale.host;
    this.operationId = stale.operationId;
    this.kind = stale.kind;
    this.changed = stale.changed;
    this.facts = stale.facts ?? [];
  }
}

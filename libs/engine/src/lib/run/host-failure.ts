import { OperationFailedError, FactsChangedError } from '@provisioning/operations';
import { redact } from '@provisioning/sdk';
import { StaleHostError } from './plan-staleness';
import type { HostFailure } from './run-result';

/** Why a host failed, as a run result and the store keep it: redacted, with the failing command when there was one. */
export function toFailure(error: unknown, secrets: readonly string[]): HostFailure {
  if (error instanceof OperationFailedError) {
    return {
      operationId: error.operationId,
      message: redact(error.message, secrets),
      command: redact(error.command, secrets),
      exitCode: error.exitCode,
      stderrTail: error.stderrTail.map((line) => redact(line, secrets)),
      nextStep: error.nextStep,
    };
  }
  if (error instanceof StaleHostError) {
    return {
      operationId: error.operations[0]?.operationId,
      message: redact(error.message, secrets),
      nextStep: error.hint,
      stale: error.operations.map((op) => ({
        operationId: op.operationId,
        changed: op.changed.map((text) => redact(text, secrets)),
      })),
    };
  }
  if (error instanceof FactsChangedError) {
    // Found by the apply script itself (facts changed between this apply's plan and its change round trip).
    return {
      operationId: error.operationId,
      message: redact(error.message, secrets),
      nextStep: error.nextStep,
      stale: [{ operationId: error.operationId, changed: [redact(error.changed, secrets)] }],
    };
  }
  return { message: redact(error instanceof Error ? error.message : String(error), secrets) };
}

/** Exit codes, documented in docs/cli.md. */
export const ExitCode = {
  ok: 0,
  error: 1,
  /** A usage error, or for `plan` (as `terraform plan -detailed-exitcode`): changes are pending. */
  usageOrChanges: 2,
} as const;

/**
 * An error the CLI reports as one message and a hint, never a stack trace (unless --verbose).
 * Everything a handler throws on purpose should be one of these.
 */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.error,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, hint, ExitCode.usageOrChanges);
  }
}

/**
 * The one exit-code rule of commands that plan or apply: 1 when anything failed; for a plan, 2
 * when something would change and the caller asked to tell that apart (`plan
 * --detailed-exitcode`, `apply --check`, `taskserv status`); else 0.
 */
export function exitCodeFor(outcome: { failed: boolean; pending?: boolean }, detailed = false): number {
  if (outcome.failed) return ExitCode.error;
  return detailed && outcome.pending ? ExitCode.usageOrChanges : ExitCode.ok;
}

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

/**
 * A refused or failed extension operation: what happened, and a hint saying what to do next.
 * `code` is stable for scripts (`--output json`) and tests.
 */
export class ExtensionError extends Error {
  override name = 'ExtensionError';
  constructor(
    readonly code: ExtensionErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type ExtensionErrorCode =
  | 'unsafe-archive'
  | 'integrity'
  | 'signature'
  | 'untrusted'
  | 'incompatible-core'
  | 'not-found'
  | 'version-conflict'
  | 'dependency-cycle'
  | 'yanked'
  | 'manifest-mismatch'
  | 'registry'
  | 'lockfile'
  | 'load'
  | 'invalid-input';

import type { Readable, Writable } from 'node:stream';

/** How a started process ended: it exited (code or signal), or its transport died under it. */
export type ProcessOutcome =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal?: string }
  | { readonly kind: 'lost'; readonly reason: string };

/**
 * A started command, whatever carries it: an SSH exec channel or a local child process. The
 * runner (`runCommand`) drives both the same way.
 */
export interface SpawnedCommand {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the process has exited and its output is drained. Never rejects. */
  readonly finished: Promise<ProcessOutcome>;
  /** Best effort: signal the process and close its pipes or channel. */
  terminate(): void;
}

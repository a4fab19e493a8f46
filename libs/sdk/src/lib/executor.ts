/**
 * What operations and task services need from a host: run one command line and read its result.
 * `@provisioning/remote` implements it over SSH (one pooled connection per host) and locally; the
 * engine hands each step the executor of its host. Commands are built with `quote`/`command`.
 */
export interface ExecOptions {
  /** Bytes fed to the command's stdin (secrets go here, never into the command line). */
  stdin?: string | Buffer;
  /** Run through sudo on the host (the password, if any, is fed on stdin by the executor). */
  sudo?: boolean;
  /** Environment for the command; values are quoted by the executor. */
  env?: Record<string, string>;
  /** Working directory on the host. */
  cwd?: string;
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Live output, chunk by chunk, as it arrives. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Values to mask as *** in every error, log line and event this command produces. */
  secrets?: readonly string[];
}

export interface ExecResult {
  /** Exit code; null when the command was killed by a signal. */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface Executor {
  /** The host this executor runs on, as named in the inventory (for errors and events). */
  readonly host: string;
  exec(commandLine: string, options?: ExecOptions): Promise<ExecResult>;
}

import type { Operation } from '@provisioning/sdk';

/** What an operation would do to a host, computed from facts alone (no host access). */
export interface Change {
  changed: boolean;
  /** One line a human reads in a plan: "update content, mode 0600 -> 0644". */
  summary: string;
  /** Unified diff of file contents, when there is one to show (never for sensitive content). */
  diff?: string;
  /** The desired state cannot be reached on this host (e.g. no systemd); planning reports it, apply stops there. */
  problem?: string;
}

export interface DiffContext {
  /** Whether the operation with this id changed (in a plan: will change; in apply: did change). */
  changed(operationId: string): boolean;
  /**
   * An apply chain read the operation's state on the host just before its change (its state
   * probe) and found it exactly as these facts say: the change script need not check it again.
   */
  stateVerified?: boolean;
}

/** Resolves what an operation needs from the machine running provisioning (local files, templates). */
export interface PrepareContext {
  /** Directory that relative `source` paths are resolved against (the task service or workspace). */
  baseDir: string;
}

/**
 * One module per operation kind implements this. Scripts are POSIX sh fragments that the planner
 * wraps into delimited sections of one script per host, so every fragment must stay inside its
 * own subshell and print facts as `key=value` lines (values single-line; text is base64).
 */
export interface OperationHandler<O extends Operation = Operation, F = unknown> {
  kind: O['kind'];
  factsScript(op: O): string;
  /**
   * The facts script never exits and sets no shell state but variables: a plan runs it in its own
   * shell, without a subshell (one process less per operation on the host).
   */
  inlineFacts?: boolean;
  parseFacts(text: string, op: O): F;
  diff(op: O, facts: F, context: DiffContext): Change;
  /** Only called when `diff` reported a change (with the same context); runs under `set -e`. */
  changeScript(op: O, facts: F, context: DiffContext): string;
  /**
   * The change script is one and-or list whose status is non-zero on any failure and that sets no
   * shell option, trap, umask or directory of the shell running it (variables only, named `_p*`):
   * an apply chain then runs it in its own shell, without a subshell (one process less per change).
   */
  inlineChange?: boolean;
  /** Paths this operation writes or reads; an operation on an overlapping path waits for its change. */
  paths(op: O): string[];
  /**
   * The facts of this operation's path once its change is applied, when they follow from the
   * facts alone (a line edit's new content). A later operation of the same kind on exactly the
   * same path is then planned from them in the same round trip instead of "known after apply".
   */
  factsAfterChange?(op: O, facts: F): F;
  /**
   * Decides on the host itself, at the moment the operation's turn comes in an apply chain, whether
   * it must change: a fragment that exits 0 when it must, or with one of `skips`' codes when the
   * host already satisfies it (a shell command's guards). Kinds without it are decided from facts.
   */
  hostDecision?(op: O): HostDecision;
  /**
   * A cheap digest of the state the operation decides from (a line edit: the file's sha256): `script`
   * sets `$p` to it on the host, in the chain's own shell (no exit, processes only where the state
   * needs reading: none for a missing path), and `of` computes it from facts, parsed or predicted.
   * In an apply chain it lets a known-after-apply operation tell whether earlier edits of its path
   * left exactly what the controller predicted (or nothing changed), and act.
   */
  stateProbe?: { script(op: O): string; of(op: O, facts: F): string };
}

export interface HostDecision {
  script: string;
  /** The one-line summary when it runs. */
  runs: string;
  /** Exit code of `script` -> the one-line summary of why nothing changes. */
  skips: Record<number, string>;
}

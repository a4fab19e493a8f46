import { randomBytes } from 'node:crypto';
import { command, loginShellCommand, quote } from '@provisioning/sdk';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class InvalidExecOptionError extends Error {
  override name = 'InvalidExecOptionError';
}

/**
 * Random markers the wrapped command prints on stderr before the caller's command runs, so the
 * runner can answer sudo's prompt and learn the process group to kill on timeout. Random per
 * command, so output cannot forge them.
 */
export interface PreambleMarkers {
  /** sudo prints this (via -p) on stderr when it wants the password; absent without sudo. */
  readonly sudoPrompt?: string;
  /** Printed as `<started><pgid>>>` once the command is about to run. */
  readonly started: string;
}

export interface CommandPlan {
  /** What the login shell on the host is asked to run. */
  readonly commandLine: string;
  /** Present when the command announces itself (sudo, or a timeout/abort that may need a kill). */
  readonly preamble?: PreambleMarkers;
  readonly sudo: boolean;
}

export interface CommandShape {
  env?: Record<string, string>;
  cwd?: string;
  sudo?: boolean;
  /** The command may have to be killed (it has a timeout or an abort signal). */
  killable?: boolean;
}

/**
 * Wraps a caller's command line so it runs under POSIX /bin/sh whatever the login shell is, in
 * `cwd`, with `env` exported, optionally through sudo. Every value goes through `quote`, and the
 * line through `loginShellCommand`, so a zsh, tcsh or fish login shell hands sh the same script.
 *
 * sudo runs with `-S -p <marker>`: the password is written to stdin only when sudo prints that
 * marker, so it never leaks into the command's stdin when sudo did not ask (NOPASSWD, cached
 * credentials). The `started` marker then tells the runner the caller's stdin may flow, and
 * carries the process group id (read from /proc, no extra process) so a timeout can kill the
 * whole pipeline: OpenSSH ignores the SSH "signal" request and closing a channel kills nothing.
 * Environment is exported inside sudo because sudo resets it.
 */
export function planCommand(commandLine: string, shape: CommandShape = {}): CommandPlan {
  const lines: string[] = [];
  const sudo = shape.sudo === true;
  const preamble: PreambleMarkers | undefined =
    sudo || shape.killable
      ? {
          started: `<<provisioning-started-${nonce()}:`,
          ...(sudo ? { sudoPrompt: `<<provisioning-sudo-prompt-${nonce()}>>` } : {}),
        }
      : undefined;
  if (preamble) {
    lines.push(
      `g=$$; [ -r /proc/$$/stat ] && read -r _ _ _ _ g _ < /proc/$$/stat; printf '%s%s>>' ${quote(preamble.started)} "$g" >&2`,
    );
  }
  if (shape.cwd !== undefined) lines.push(`cd -- ${quote(shape.cwd)} || exit 1`);
  for (const [name, value] of Object.entries(shape.env ?? {})) {
    if (!ENV_NAME.test(name))
      throw new InvalidExecOptionError(
        `environment variable name ${JSON.stringify(name)} is not a valid shell identifier`,
      );
    lines.push(`export ${name}=${quote(value)}`);
  }
  lines.push(commandLine);
  // One line, not one per part: a csh-family login shell (tcsh, FreeBSD root's default) refuses a
  // newline inside the quoted argument, so a multi-line wrapper would fail before sh even starts.
  const script = lines.join('; ');
  if (!sudo || !preamble?.sudoPrompt)
    return {
      commandLine: loginShellCommand('/bin/sh', '-c', '--', script),
      sudo: false,
      ...(preamble ? { preamble } : {}),
    };
  return {
    commandLine: loginShellCommand(
      'sudo',
      '-S',
      '-p',
      preamble.sudoPrompt,
      '--',
      '/bin/sh',
      '-c',
      '--',
      script,
    ),
    sudo: true,
    preamble,
  };
}

/** The command that kills a started command's process group (run with the same sudo setting). */
export function killCommand(processGroup: number): string {
  // No `--` here: dash's kill builtin (Debian's sh) rejects it ("Illegal number: -") and the kill
  // never happens. The argument is a number we read from /proc, never user input.
  if (!Number.isSafeInteger(processGroup) || processGroup <= 1)
    throw new Error(`not a process group id: ${processGroup}`);
  return command('kill', '-KILL', `-${processGroup}`);
}

function nonce(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The one way to put a value into a POSIX shell command line. Every command that reaches a host is
 * built from `quote`/`command`; arguments are never pasted into a shell string by hand.
 *
 * Safe words pass through unchanged so commands stay readable in plans and logs; anything else is
 * wrapped in single quotes, inside which the shell interprets nothing except the closing quote.
 */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export class ShellQuoteError extends Error {
  override name = 'ShellQuoteError';
}

export function quote(value: string | number): string {
  const text = String(value);
  if (text.includes('\0')) {
    throw new ShellQuoteError(
      'A shell argument cannot contain a NUL byte; pass binary data through stdin or a file.',
    );
  }
  if (text === '') return "''";
  if (SAFE_WORD.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Joins a program and its arguments into one command line, quoting each word. */
export function command(program: string, ...args: ReadonlyArray<string | number>): string {
  return [program, ...args].map(quote).join(' ');
}

/**
 * `command`, for the one line an SSH server hands to the user's login shell, which may be tcsh or
 * fish rather than a POSIX shell. Inside single quotes csh still expands `!` (history), and fish
 * still reads a backslash before a backslash or a quote as an escape; so each `!` and each
 * backslash is written outside the quotes, backslash-escaped, which sh, csh, tcsh and fish all read
 * as the plain character. A newline inside an argument still cannot pass a csh-family shell, so
 * keep the line to one line.
 */
export function loginShellCommand(program: string, ...args: ReadonlyArray<string | number>): string {
  return [program, ...args].map(loginShellWord).join(' ');
}

function loginShellWord(value: string | number): string {
  const quoted = quote(value);
  if (!quoted.startsWith("'")) return quoted;
  return `'${String(value).replace(/['\\!]/g, (char) => (char === "'" ? `'\\''` : `'\\${char}'`))}'`;
}

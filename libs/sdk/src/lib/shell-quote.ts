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

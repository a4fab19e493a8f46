/**
 * Quoting for the command lines of systemd unit files (`ExecStart=` and friends), the way `quote`
 * is for POSIX shells. systemd does not run a shell, but it has its own syntax: `%` starts a
 * specifier (`%n`, `%h`), `$NAME` and `${NAME}` are replaced by environment variables, whitespace
 * separates arguments, a lone `;` separated commands in older versions, and quotes and backslashes
 * are C-style escapes. An argument goes through unchanged only by escaping all of them: `%%`, `$$`,
 * and double quotes (with `\\` and `\"`) around anything holding whitespace, quotes, backslashes
 * or `;`. See systemd.service(5), "Command lines", and systemd.unit(5), "Specifiers".
 */
export class SystemdQuoteError extends Error {
  override name = 'SystemdQuoteError';
}

export function systemdQuote(arg: string): string {
  // eslint-disable-next-line no-control-regex -- a unit file line cannot carry control characters
  if (/[\u0000-\u001f\u007f]/.test(arg))
    throw new SystemdQuoteError(
      `a systemd command argument cannot hold control characters or newlines: ${JSON.stringify(arg)}`,
    );
  const escaped = arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return arg === '' || /[\s"'\\;]/.test(arg) ? `"${escaped}"` : escaped;
}

/** `ExecStart=` value: the program and its arguments, each quoted for systemd. */
export function systemdCommand(...args: readonly string[]): string {
  return args.map(systemdQuote).join(' ');
}

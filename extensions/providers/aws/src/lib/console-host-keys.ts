const BEGIN = '-----BEGIN SSH HOST KEY KEYS-----';
const END = '-----END SSH HOST KEY KEYS-----';

/**
 * The host keys cloud-init prints on the instance's console between its BEGIN/END SSH HOST KEY
 * KEYS markers, as `type base64` (comment dropped). Read through the authenticated EC2 API
 * (GetConsoleOutput), this is how a host key is learnt out of band rather than from the network.
 */
export function consoleHostKeys(output: string): string[] {
  const start = output.lastIndexOf(BEGIN);
  if (start < 0) return [];
  const end = output.indexOf(END, start);
  if (end < 0) return [];
  return output
    .slice(start + BEGIN.length, end)
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter(([type, key]) => type && key && /^(ssh-|ecdsa-)/.test(type) && /^[A-Za-z0-9+/]+=*$/.test(key))
    .map(([type, key]) => `${type} ${key}`);
}

/** How cloud-init prints them (used by the emulator, and the format the parser reads). */
export function consoleHostKeyBlock(keys: readonly string[]): string {
  return [BEGIN, ...keys, END, ''].join('\n');
}

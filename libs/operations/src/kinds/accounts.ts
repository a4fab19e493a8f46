import { command, quote } from '@provisioning/sdk';

/** Shell choosing shadow-utils (Debian, RHEL) when present, else BusyBox (Alpine) account tools. */
export function shadowOrBusybox(shadowTool: string, shadow: string, busybox: string): string {
  return `if command -v ${shadowTool} >/dev/null 2>&1; then\n${shadow}\nelse\n${busybox}\nfi`;
}

/** Shell printing `key=<getent line>` or `key=` when the account does not exist. */
export function getentScript(database: 'passwd' | 'group', name: string, key: string): string {
  const fallback = command('awk', '-F:', '-v', `n=${name}`, '$1==n', `/etc/${database}`);
  return `e=$(getent ${database} -- ${quote(name)} 2>/dev/null || ${fallback}); printf '%s=%s\\n' ${key} "$e"`;
}

/** Shell that fails with a message saying what to install (BusyBox has no usermod/groupmod). */
export const noBusyboxTool = (what: string) =>
  `echo ${quote(`${what} needs shadow-utils on this host; install the shadow package`)} >&2; exit 1`;

import type { HostSpecInput } from '@provisioning/remote';

export interface SshArgvOptions {
  /** Checked in order; the first one also receives keys accepted on first use. */
  knownHostsFiles: string[];
  strictHostKeyChecking: 'yes' | 'accept-new';
}

/**
 * The arguments of the system ssh client for one host, as an argv array (never a shell string,
 * so nothing in a server definition can inject a command). Every option goes before the
 * destination, which is last.
 */
export function sshArgv(spec: HostSpecInput, options: SshArgvOptions): string[] {
  const argv = ['-p', String(spec.port ?? 22)];
  if (spec.privateKey) argv.push('-i', spec.privateKey);
  argv.push('-o', `UserKnownHostsFile=${options.knownHostsFiles.map(sshConfigWord).join(' ')}`);
  argv.push('-o', `StrictHostKeyChecking=${options.strictHostKeyChecking}`);
  const jump = spec.jump?.[0];
  if (jump) argv.push('-J', `${destination(jump)}:${jump.port ?? 22}`);
  argv.push(destination(spec));
  return argv;
}

function destination(spec: HostSpecInput): string {
  const address = spec.address ?? spec.name;
  return spec.user ? `${spec.user}@${address}` : address;
}

/** ssh splits an option's value into words at whitespace unless it is double-quoted. */
function sshConfigWord(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

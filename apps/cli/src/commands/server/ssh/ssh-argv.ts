import type { HostSpecInput } from '@provisioning/engine';
import { command } from '@provisioning/sdk';

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
  const jump = spec.jump?.[0];
  return [...connectionOptions(spec, options), ...(jump ? ['-o', `ProxyCommand=${proxyCommand(jump, options)}`] : []), destination(spec)];
}

function connectionOptions(spec: HostSpecInput, options: SshArgvOptions): string[] {
  const argv = ['-p', String(spec.port ?? 22)];
  if (spec.privateKey) argv.push('-i', spec.privateKey);
  argv.push('-o', `UserKnownHostsFile=${options.knownHostsFiles.map(sshConfigWord).join(' ')}`);
  argv.push('-o', `StrictHostKeyChecking=${options.strictHostKeyChecking}`);
  return argv;
}

/**
 * The jump hop as a ProxyCommand rather than ProxyJump: ssh starts a ProxyJump hop without the
 * command line's -i and -o options, so the bastion's key would be checked against
 * ~/.ssh/known_hosts only (not the workspace file the pool records it in) and its identity lost.
 * ssh runs this line through the user's shell, hence `command()` quoting; `%` is ssh's escape.
 */
function proxyCommand(jump: HostSpecInput, options: SshArgvOptions): string {
  const words = [...connectionOptions(jump, options), destination(jump)].map((word) => word.replace(/%/g, '%%'));
  return command('ssh', '-W', '%h:%p', ...words);
}

function destination(spec: HostSpecInput): string {
  const address = spec.address ?? spec.name;
  return spec.user ? `${spec.user}@${address}` : address;
}

/** ssh splits an option's value into words at whitespace unless it is double-quoted. */
function sshConfigWord(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

import type { HostSpecInput } from '@provisioning/engine';
import { command } from '@provisioning/sdk';

export interface SshArgvOptions {
  /** Checked in order; the first one also receives keys accepted on first use. */
  knownHostsFiles: string[];
  strictHostKeyChecking: 'yes' | 'accept-new';
}

type Hop = Omit<HostSpecInput, 'jump'>;

/**
 * The arguments of the system ssh client for one host, as an argv array (never a shell string,
 * so nothing in a server definition can inject a command). Every option goes before `--` and the
 * destination comes last, after it: a user or address starting with `-` can never be read by ssh
 * as an option.
 */
export function sshArgv(spec: HostSpecInput, options: SshArgvOptions): string[] {
  return hopArgv(spec, spec.jump ?? [], options);
}

/** Options, the ProxyCommand through the hops before this one (if any), `--`, the destination. */
function hopArgv(hop: Hop, through: readonly Hop[], options: SshArgvOptions): string[] {
  const proxy = through.length > 0 ? ['-o', `ProxyCommand=${proxyCommand(through, options)}`] : [];
  return [...connectionOptions(hop, options), ...proxy, '--', destination(hop)];
}

function connectionOptions(spec: Hop, options: SshArgvOptions): string[] {
  const argv = ['-p', String(spec.port ?? 22)];
  if (spec.privateKey) argv.push('-i', spec.privateKey);
  argv.push('-o', `UserKnownHostsFile=${options.knownHostsFiles.map(sshConfigWord).join(' ')}`);
  argv.push('-o', `StrictHostKeyChecking=${options.strictHostKeyChecking}`);
  return argv;
}

/**
 * The jump hops (in order: the first reached directly, each next through the previous) as nested
 * ProxyCommands rather than ProxyJump: ssh starts a ProxyJump hop without the command line's -i
 * and -o options, so a bastion's key would be checked against ~/.ssh/known_hosts only (not the
 * workspace file the pool records it in) and its identity lost. ssh runs this line through the
 * user's shell, hence `command()` quoting; `%` is ssh's escape, doubled once per level of nesting
 * so each ssh expands only its own `%h:%p`.
 */
function proxyCommand(hops: readonly Hop[], options: SshArgvOptions): string {
  const last = hops[hops.length - 1];
  const words = hopArgv(last, hops.slice(0, -1), options).map((word) => word.replace(/%/g, '%%'));
  return command('ssh', '-W', '%h:%p', ...words);
}

function destination(spec: Hop): string {
  const address = spec.address ?? spec.name;
  return spec.user ? `${spec.user}@${address}` : address;
}

/** ssh splits an option's value into words at whitespace unless it is double-quoted. */
function sshConfigWord(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

import type { ExecOptions, Executor, HostFacts } from '@provisioning/sdk';
import { FactsGatheringError, tail } from './errors';
import { FactLines } from './facts-format';
import { SCRIPT_COMMAND, stdinScript } from './sections';

/** Prints the host facts as `key=value` lines (parseHostFacts reads them); also a section of a plan's facts script. */
export const HOST_FACTS_SCRIPT = [
  'echo "hostname=$(hostname 2>/dev/null || uname -n)"',
  'echo "arch=$(uname -m)"',
  'if [ -r /etc/os-release ]; then . /etc/os-release; fi',
  'echo "id=${ID:-unknown}"; echo "version=${VERSION_ID:-}"; echo "like=${ID_LIKE:-}"',
  // sudo resets the environment; its own process (our parent) still carries the ssh session's.
  'c=${SSH_CONNECTION:-$(tr "\\000" "\\n" </proc/$PPID/environ 2>/dev/null | sed -n "s/^SSH_CONNECTION=//p")}',
  'echo "ssh=$c"',
].join('\n');

/**
 * Reads what a task service's `install` needs to know about its host (one round trip, before
 * planning, because the operations themselves depend on it).
 */
export async function gatherHostFacts(
  executor: Executor,
  options: { sudo?: boolean; timeoutMs?: number } = {},
): Promise<HostFacts> {
  return parseHostFacts(await runFactsScript(executor, HOST_FACTS_SCRIPT, options));
}

/** Runs a facts script as one command (on stdin, stdin of its commands closed) and returns its stdout; failures are FactsGatheringError. */
export async function runFactsScript(
  executor: Executor,
  script: string,
  options: ExecOptions = {},
): Promise<string> {
  let result;
  try {
    result = await executor.exec(SCRIPT_COMMAND, { stdin: stdinScript([script]), ...options });
  } catch (error) {
    throw new FactsGatheringError(executor.host, null, [], error);
  }
  if (result.code !== 0) throw new FactsGatheringError(executor.host, result.code, tail(result.stderr));
  return result.stdout;
}

export function parseHostFacts(text: string): HostFacts {
  const facts = new FactLines(text);
  const id = facts.get('id') ?? 'unknown';
  return {
    hostname: facts.get('hostname') ?? 'unknown',
    arch: facts.get('arch') ?? 'unknown',
    osId: id,
    osVersion: facts.get('version') ?? '',
    osFamily: osFamily([id, ...(facts.get('like') ?? '').split(' ')]),
    ...sshConnection(facts.get('ssh') ?? ''),
  };
}

/** `$SSH_CONNECTION` is "client-address client-port server-address server-port". */
function sshConnection(value: string): Pick<HostFacts, 'ssh'> {
  const [clientAddress, , , port] = value.trim().split(/\s+/);
  const serverPort = Number(port);
  return clientAddress && Number.isInteger(serverPort) && serverPort > 0
    ? { ssh: { clientAddress, serverPort } }
    : {};
}

function osFamily(ids: string[]): HostFacts['osFamily'] {
  if (ids.some((id) => ['debian', 'ubuntu'].includes(id))) return 'debian';
  if (ids.some((id) => ['rhel', 'fedora', 'centos', 'rocky', 'almalinux'].includes(id))) return 'rhel';
  if (ids.includes('alpine')) return 'alpine';
  return 'unknown';
}

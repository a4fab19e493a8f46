import { containerInitPid } from './host';
import { run, type RunResult } from './run';
import type { TestbedSettings } from './settings';
import { readState } from './state';

/**
 * Runs a bash script inside a host without SSH (nsenter into the container's namespaces), for
 * out-of-band actions a test needs while SSH itself is under test, e.g. killing an sshd process.
 * nsenter can hang for good when its target is shutting down (a reboot), so it is killed after
 * `timeoutMs` (30 s by default) and the call fails.
 */
export async function execInHost(
  settings: TestbedSettings,
  hostName: string,
  script: string,
  timeoutMs = 30_000,
): Promise<RunResult> {
  const host = readState(settings.stateDir)?.hosts.find((candidate) => candidate.name === hostName);
  if (!host) throw new Error(`testbed ${settings.name} has no host ${hostName}; is it up with enough hosts?`);
  const pid = containerInitPid(host);
  if (pid === undefined)
    throw new Error(`host ${hostName} is not running; check \`npx nx run testbed:status\``);
  return run('nsenter', ['--target', String(pid), '--all', '--', '/bin/bash', '-c', script], { timeoutMs });
}

import { rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { deleteBridge } from './bridge';
import { stopHost } from './host';
import { withLock } from './lock';
import { isRunning, signal, waitForExit } from './processes';
import type { TestbedSettings } from './settings';
import { readState, writeState } from './state';

export interface DownResult {
  /** False when no testbed was recorded (nothing to do). */
  readonly wasUp: boolean;
  readonly stoppedHosts: readonly string[];
  readonly seconds: number;
}

/**
 * Removes exactly what `up` recorded: the artifact server, each host (container, cgroups,
 * overlay, directory), the bridge if `up` created it, then the instance's state directory.
 * If something cannot be removed, the state file stays and the error lists what is left.
 */
export async function down(
  settings: TestbedSettings,
  log: (line: string) => void = () => undefined,
): Promise<DownResult> {
  return withLock(instanceLockPath(settings), () => downHoldingLock(settings, log));
}

/** The lock `up` and `down` take, so two runs never change one instance at once. */
export const instanceLockPath = (settings: TestbedSettings): string =>
  join(settings.stateDir, '..', `${settings.name}.lock`);

/** `down` for a caller that already holds the instance's lock (`up` replacing an outdated instance). */
export async function downHoldingLock(
  settings: TestbedSettings,
  log: (line: string) => void = () => undefined,
): Promise<DownResult> {
  const started = Date.now();
  const state = readState(settings.stateDir);
  if (!state) return { wasUp: false, stoppedHosts: [], seconds: 0 };

  const server = state.artifacts.server;
  if (server && isRunning(server)) {
    signal(server.pid, 'SIGTERM');
    if (!(await waitForExit(server, 5000))) signal(server.pid, 'SIGKILL');
  }
  const problems = (await Promise.all(state.hosts.map((host) => stopHost(host, log)))).flat();
  const stopped = state.hosts.map((host) => host.name);
  log(`stopped ${stopped.length} host(s): ${stopped.join(' ') || '-'}`);
  if (state.bridge.created) {
    await deleteBridge(state.bridge.name).catch((error: Error) => problems.push(error.message));
  }
  // nspawn's runtime directories; rmdir only succeeds once no other container uses them
  for (const dir of ['/run/systemd/nspawn/propagate', '/run/systemd/nspawn/locks', '/run/systemd/nspawn']) {
    try {
      rmdirSync(dir);
    } catch {
      // in use by another testbed or container, or already gone
    }
  }
  if (problems.length > 0) {
    writeState(settings.stateDir, state);
    throw new Error(`testbed ${state.name} is partly down; left behind:\n  - ${problems.join('\n  - ')}`);
  }
  rmSync(settings.stateDir, { recursive: true, force: true });
  return { wasUp: true, stoppedHosts: stopped, seconds: (Date.now() - started) / 1000 };
}

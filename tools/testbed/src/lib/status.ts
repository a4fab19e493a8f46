import { linkExists } from './bridge';
import { hostMemoryKiB } from './memory';
import { isRunning } from './processes';
import { sshBanner } from './readiness';
import type { TestbedSettings } from './settings';
import { readState } from './state';

export interface HostStatus {
  readonly name: string;
  readonly address: string;
  readonly running: boolean;
  readonly sshAnswers: boolean;
  /** PSS of the host's processes in KiB (0 when not running). */
  readonly memoryKiB: number;
}

export interface TestbedStatus {
  readonly up: boolean;
  /** True when the bridge, the artifact server and every host (running, answering SSH) are fine. */
  readonly healthy: boolean;
  readonly bridge?: { readonly name: string; readonly present: boolean };
  readonly artifactServer?: { readonly url: string; readonly running: boolean };
  readonly hosts: readonly HostStatus[];
}

export async function status(settings: TestbedSettings): Promise<TestbedStatus> {
  const state = readState(settings.stateDir);
  if (!state) return { up: false, healthy: false, hosts: [] };
  const hosts = await Promise.all(
    state.hosts.map(async (host) => {
      const running = host.launcher !== undefined && isRunning(host.launcher);
      const sshAnswers = running && (await sshBanner(host.address));
      return {
        name: host.name,
        address: host.address,
        running,
        sshAnswers,
        memoryKiB: running ? hostMemoryKiB(host.cgroups) : 0,
      };
    }),
  );
  const bridgePresent = await linkExists(state.bridge.name);
  const serverRunning = state.artifacts.server !== undefined && isRunning(state.artifacts.server);
  return {
    up: true,
    healthy: bridgePresent && serverRunning && hosts.every((host) => host.sshAnswers),
    bridge: { name: state.bridge.name, present: bridgePresent },
    artifactServer: { url: state.artifacts.url, running: serverRunning },
    hosts,
  };
}

export function formatStatus(settings: TestbedSettings, result: TestbedStatus): string {
  if (!result.up) return `testbed ${settings.name}: down`;
  const lines = [
    `testbed ${settings.name}: ${result.healthy ? 'up, healthy' : 'up, UNHEALTHY'} (state in ${settings.stateDir})`,
    `  bridge ${result.bridge?.name}: ${result.bridge?.present ? 'present' : 'MISSING'}`,
    `  artifacts ${result.artifactServer?.url}: ${result.artifactServer?.running ? 'serving' : 'NOT RUNNING'}`,
  ];
  for (const host of result.hosts) {
    const health = !host.running ? 'NOT RUNNING' : host.sshAnswers ? 'ssh ok' : 'NO SSH';
    lines.push(
      `  ${host.name.padEnd(10)} ${host.address.padEnd(15)} ${health.padEnd(12)} ${(host.memoryKiB / 1024).toFixed(1)} MiB PSS`,
    );
  }
  return lines.join('\n');
}

import { linkExists } from './bridge';
import { isRunning } from './processes';
import { sshBanner } from './readiness';
import type { TestbedSettings } from './settings';
import { readState } from './state';

export interface HostStatus {
  readonly name: string;
  readonly address: string;
  readonly running: boolean;
  readonly sshAnswers: boolean;
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
      return { name: host.name, address: host.address, running, sshAnswers: running && (await sshBanner(host.address)) };
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
    lines.push(`  ${host.name.padEnd(10)} ${host.address.padEnd(15)} ${!host.running ? 'NOT RUNNING' : host.sshAnswers ? 'ssh ok' : 'NO SSH'}`);
  }
  return lines.join('\n');
}

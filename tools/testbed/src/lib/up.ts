import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_PORT, startArtifactServer } from './artifacts';
import { assessAvailability, probeMachine } from './availability';
import { baseDir, baseIsBuilt, SCRIPTS_DIR } from './base-image';
import { assertSubnetFree, createBridge, linkExists } from './bridge';
import { launchHost, prepareHost } from './host';
import {
  buildInventory,
  INVENTORY_JSON,
  INVENTORY_YAML,
  inventoryYaml,
  knownHostsText,
  type Inventory,
} from './inventory';
import { downHoldingLock, instanceLockPath } from './down';
import { withLock } from './lock';
import { ensureInotifyInstances } from './inotify';
import { isRunning } from './processes';
import { BootTimeoutError, waitForSsh } from './readiness';
import { run } from './run';
import { bridgeName, hostName, type TestbedSettings } from './settings';
import { readState, writeState, type HostState, type TestbedState } from './state';
import { gatewayAddress, hostAddress, MAX_HOSTS, parseSubnet } from './subnet';
import { spawnSync } from 'node:child_process';

export class TestbedUnavailableError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`the testbed cannot run on this machine; missing:\n  - ${missing.join('\n  - ')}`);
    this.name = 'TestbedUnavailableError';
  }
}

export interface UpResult {
  readonly inventory: Inventory;
  /** Hosts this call booted (empty when every requested host was already up). */
  readonly started: readonly string[];
  readonly seconds: number;
}

type Log = (line: string) => void;

function ensureBase(settings: TestbedSettings, log: Log): string {
  const dir = baseDir(settings.cacheDir);
  if (baseIsBuilt(dir)) return dir;
  log(`base image ${dir} is not built yet: building it (about 2 minutes, needs network)`);
  const result = spawnSync('bash', [join(SCRIPTS_DIR, 'build-base.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TESTBED_CACHE: settings.cacheDir },
  });
  if (result.status !== 0 || !baseIsBuilt(dir))
    throw new Error(`building the base image failed (exit ${result.status}); output above`);
  return dir;
}

async function createInstance(settings: TestbedSettings, base: string): Promise<TestbedState> {
  const subnet = parseSubnet(settings.subnet);
  const bridge = bridgeName(settings);
  await assertSubnetFree(subnet, bridge);
  if (await linkExists(bridge)) {
    throw new Error(
      `interface ${bridge} exists but no testbed state records it; delete it (ip link delete ${bridge}) or set TESTBED_NAME`,
    );
  }
  mkdirSync(settings.stateDir, { recursive: true, mode: 0o700 });
  const clientKey = join(settings.stateDir, 'id_ed25519');
  if (!existsSync(clientKey))
    await run('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      `testbed-${settings.name}`,
      '-f',
      clientKey,
    ]);
  const artifactsDir = join(settings.stateDir, 'artifacts');
  mkdirSync(artifactsDir, { recursive: true });
  const state: TestbedState = {
    version: 1,
    name: settings.name,
    subnet: subnet.cidr,
    createdAt: new Date().toISOString(),
    baseDir: base,
    bridge: { name: bridge, address: gatewayAddress(subnet), created: false },
    clientKey,
    knownHosts: join(settings.stateDir, 'known_hosts'),
    hosts: [],
    artifacts: { dir: artifactsDir, url: `http://${gatewayAddress(subnet)}:${ARTIFACT_PORT}/` },
  };
  writeState(settings.stateDir, state);
  await createBridge(bridge, state.bridge.address);
  state.bridge.created = true;
  writeState(settings.stateDir, state);
  return state;
}

/** The last lines each host's container printed: why a host did not boot is usually there. */
function consoleTails(hosts: readonly HostState[]): string {
  return hosts
    .map((host) => {
      const path = join(host.dir, 'console.log');
      const lines = existsSync(path)
        ? readFileSync(path, 'utf8').trim().split('\n').slice(-3)
        : ['(no console output)'];
      return `${host.name} (${path}):\n    ${lines.join('\n    ')}`;
    })
    .join('\n');
}

function publish(settings: TestbedSettings, state: TestbedState): Inventory {
  const inventory = buildInventory(state);
  writeFileSync(state.knownHosts, knownHostsText(inventory.hosts));
  writeFileSync(join(settings.stateDir, INVENTORY_JSON), `${JSON.stringify(inventory, null, 2)}\n`);
  writeFileSync(join(settings.stateDir, INVENTORY_YAML), inventoryYaml(inventory));
  return inventory;
}

/** Boots hosts 1..count (keeping hosts already up), the bridge and the artifact server; idempotent. */
export async function up(
  settings: TestbedSettings,
  count: number,
  log: Log = () => undefined,
): Promise<UpResult> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS)
    throw new Error(`--hosts must be an integer in 1..${MAX_HOSTS}, got ${count}`);
  const started = Date.now();
  const facts = probeMachine(baseIsBuilt(baseDir(settings.cacheDir)));
  const availability = assessAvailability(facts);
  if (!availability.available) throw new TestbedUnavailableError(availability.missing);

  return withLock(instanceLockPath(settings), async () => {
    // Hosts booted from an older base lack what the current recipe installs (packages, the
    // repository): their results would be wrong, so the instance is replaced, not reused. Read
    // and replaced under the lock: another run may be bringing the same instance up or down.
    const running = readState(settings.stateDir);
    if (running && running.baseDir !== baseDir(settings.cacheDir)) {
      log(`hosts run the older base ${running.baseDir}; bringing the instance down to boot the current one`);
      await downHoldingLock(settings, log);
    }
    const base = ensureBase(settings, log);
    let state = readState(settings.stateDir);
    if (state && !(await linkExists(state.bridge.name))) {
      throw new Error(
        `testbed ${settings.name} has state but its bridge ${state.bridge.name} is gone (machine rebooted?); run \`npx nx run testbed:down\` first`,
      );
    }
    state ??= await createInstance(settings, base);
    const current = state;
    const record = (host: HostState): void => {
      const others = current.hosts.filter((h) => h.name !== host.name);
      current.hosts = [...others, host].sort((a, b) => a.index - b.index);
      writeState(settings.stateDir, current);
    };

    const stale = current.hosts.filter(
      (host) => host.index <= count && !(host.launcher && isRunning(host.launcher)),
    );
    if (stale.length > 0) {
      throw new Error(
        `hosts ${stale.map((h) => h.name).join(', ')} are recorded but not running; run \`npx nx run testbed:down\` and up again`,
      );
    }
    const subnet = parseSubnet(current.subnet);
    const peers = Array.from({ length: Math.max(count, current.hosts.length) }, (_, i) => ({
      name: hostName(settings, i + 1),
      address: hostAddress(subnet, i + 1),
    }));
    const clientPublicKey = readFileSync(`${current.clientKey}.pub`, 'utf8');
    const rootfs = join(current.baseDir, 'rootfs');
    const repo = join(current.baseDir, 'repo');
    const booted: HostState[] = [];
    ensureInotifyInstances(log);
    for (const peer of peers.slice(0, count)) {
      if (current.hosts.some((host) => host.name === peer.name)) continue;
      const index = peers.indexOf(peer) + 1;
      const dir = join(settings.stateDir, 'hosts', peer.name);
      const host = await prepareHost(
        { index, name: peer.name, address: peer.address, dir },
        rootfs,
        clientPublicKey,
        peers,
        facts.cgroupFs,
        record,
      );
      launchHost(host, current.bridge.name, repo);
      record(host);
      booted.push(host);
    }
    if (!current.artifacts.server || !isRunning(current.artifacts.server)) {
      current.artifacts.server = await startArtifactServer(
        current.artifacts.dir,
        current.bridge.address,
        settings.stateDir,
      );
      writeState(settings.stateDir, current);
    }
    await waitForSsh(current.hosts, settings.bootTimeoutSeconds * 1000).catch((error: Error) => {
      if (!(error instanceof BootTimeoutError)) throw error;
      const failed = current.hosts.filter((host) => error.hosts.includes(host.name));
      throw new Error(
        `${error.message}; their consoles end with:\n${consoleTails(failed)}\nbring the testbed down with \`npx nx run testbed:down\``,
      );
    });
    const inventory = publish(settings, current);
    return { inventory, started: booted.map((host) => host.name), seconds: (Date.now() - started) / 1000 };
  });
}

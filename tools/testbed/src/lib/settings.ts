/** Where a testbed instance lives and which addresses it uses. One instance per name per machine. */
export interface TestbedSettings {
  /** Instance name: prefixes the bridge and host names (short, because Linux interface names are max 15 chars). */
  readonly name: string;
  /** The private /24 the bridge and hosts use, e.g. "10.147.0.0/24". */
  readonly subnet: string;
  /** State directory of this instance: state file, keys, inventory, host overlays, artifacts. */
  readonly stateDir: string;
  /** Cache of base images, outside the repository, shared by all instances. */
  readonly cacheDir: string;
  /** Seconds to wait for every host's sshd to answer after launch. */
  readonly bootTimeoutSeconds: number;
}

export const DEFAULT_NAME = 'ptb';
/** Not 10.99.0.0/24: a hand-built testbed on the same machine often uses it, and it may be running beside us. */
export const DEFAULT_SUBNET = '10.147.0.0/24';
export const DEFAULT_STATE_ROOT = '/var/lib/provisioning-testbed';
export const DEFAULT_CACHE_DIR = '/var/cache/provisioning-testbed';

const NAME_PATTERN = /^[a-z][a-z0-9]{0,5}$/;

/** Reads the settings from the environment (TESTBED_NAME, TESTBED_SUBNET, TESTBED_STATE_ROOT, TESTBED_CACHE, TESTBED_BOOT_TIMEOUT). */
export function testbedSettings(env: NodeJS.ProcessEnv = process.env): TestbedSettings {
  const name = env['TESTBED_NAME'] ?? DEFAULT_NAME;
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `TESTBED_NAME "${name}" is not usable: use 1-6 lowercase letters or digits starting with a letter ` +
        `(it prefixes interface names, which Linux limits to 15 characters)`,
    );
  }
  const bootTimeout = Number(env['TESTBED_BOOT_TIMEOUT'] ?? '120');
  if (!Number.isFinite(bootTimeout) || bootTimeout <= 0) {
    throw new Error(
      `TESTBED_BOOT_TIMEOUT "${env['TESTBED_BOOT_TIMEOUT']}" is not a positive number of seconds`,
    );
  }
  const stateRoot = env['TESTBED_STATE_ROOT'] ?? DEFAULT_STATE_ROOT;
  return {
    name,
    subnet: env['TESTBED_SUBNET'] ?? DEFAULT_SUBNET,
    stateDir: `${stateRoot}/${name}`,
    cacheDir: env['TESTBED_CACHE'] ?? DEFAULT_CACHE_DIR,
    bootTimeoutSeconds: bootTimeout,
  };
}

export function bridgeName(settings: Pick<TestbedSettings, 'name'>): string {
  return `${settings.name}-br0`;
}

export function hostName(settings: Pick<TestbedSettings, 'name'>, index: number): string {
  return `${settings.name}-h${index}`;
}

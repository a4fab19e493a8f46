import {
  ConnectionPool,
  type ConnectionPoolOptions,
  type HostSpecInput,
  type PoolEvent,
} from '@provisioning/remote';
import type { Inventory, InventoryHost } from '@provisioning/testbed';
import { hostAt } from './on-testbed';

/** A host descriptor for libs/remote: root with the testbed's key, checked against its known_hosts. */
export function rootSpec(
  inventory: Inventory,
  host: InventoryHost,
  overrides: Partial<HostSpecInput> = {},
): HostSpecInput {
  return {
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    privateKey: inventory.privateKeyPath,
    knownHostsFiles: [inventory.knownHostsPath],
    connectTimeoutMs: 5000,
    ...overrides,
  };
}

/** The non-root sudo user of the base image, whose sudo password the pool feeds on stdin. */
export function sudoUserSpec(
  inventory: Inventory,
  host: InventoryHost,
  password = inventory.sudoUser.password,
): HostSpecInput {
  return rootSpec(inventory, host, {
    name: `${host.name}-${inventory.sudoUser.name}`,
    user: inventory.sudoUser.name,
    sudoPassword: { value: password },
  });
}

export interface RecordedPool {
  readonly pool: ConnectionPool;
  readonly events: PoolEvent[];
}

/** A pool over the given hosts that records every event it emits (for assertions on events). */
export function recordedPool(
  hosts: readonly HostSpecInput[],
  options: Omit<ConnectionPoolOptions, 'hosts'> = {},
): RecordedPool {
  const events: PoolEvent[] = [];
  const pool = new ConnectionPool({ ...options, hosts, onEvent: (event) => events.push(event) });
  return { pool, events };
}

/**
 * A recorded root pool on testbed host `index` for one suite: opened before its tests, closed
 * after. Read `host` and `recorded` inside tests (they are set in beforeAll).
 */
export function useRootPool(
  testbed: () => Inventory,
  index: number,
): Readonly<{ host: string; recorded: RecordedPool }> {
  const suite = {} as { host: string; recorded: RecordedPool };
  beforeAll(() => {
    const target = hostAt(testbed(), index);
    suite.host = target.name;
    suite.recorded = recordedPool([rootSpec(testbed(), target)]);
  });
  afterAll(() => suite.recorded?.pool.close());
  return suite;
}

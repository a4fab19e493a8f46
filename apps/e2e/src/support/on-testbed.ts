import { readInventory, type Inventory } from '@provisioning/testbed';
import { SKIP_REASON_VAR } from './env';

/**
 * `describe` for suites that need the testbed. Where globalSetup found the testbed unavailable,
 * the suite is declared with describe.skip, so jest reports its tests as skipped (never passed).
 */
export function describeOnTestbed(name: string, body: (testbed: () => Inventory) => void): void {
  const skipReason = process.env[SKIP_REASON_VAR];
  if (skipReason) {
    describe.skip(`${name} [SKIPPED: ${skipReason}]`, () =>
      body(() => {
        throw new Error('unreachable: the suite is skipped');
      }));
    return;
  }
  let inventory: Inventory | undefined;
  describe(name, () => body(() => (inventory ??= readInventory())));
}

/** Host number `index` (1-based, as in the host names); fails clearly if the testbed has fewer. */
export function hostAt(inventory: Inventory, index: number): Inventory['hosts'][number] {
  const host = inventory.hosts[index - 1];
  if (!host)
    throw new Error(
      `the e2e suites need at least ${index} testbed hosts; the testbed has ${inventory.hosts.length}`,
    );
  return host;
}

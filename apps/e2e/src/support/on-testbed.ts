import { readInventory, testbedSettings, type Inventory } from '@provisioning/testbed';
import { SKIP_REASON_VAR } from './env';

/**
 * `describe` for suites that need the testbed. Where globalSetup found the testbed unavailable,
 * the suite is declared with describe.skip, so jest reports its tests as skipped (never passed).
 */
export function describeOnTestbed(name: string, body: (testbed: () => Inventory) => void): void {
  const skipReason = process.env[SKIP_REASON_VAR];
  if (skipReason) {
    describe.skip(`${name} [SKIPPED: ${skipReason}]`, () => body(() => {
      throw new Error('unreachable: the suite is skipped');
    }));
    return;
  }
  let inventory: Inventory | undefined;
  describe(name, () => body(() => (inventory ??= readInventory(testbedSettings().stateDir))));
}

import { assessAvailability, probeMachine, type Availability } from './availability';
import { baseDir, baseIsBuilt } from './base-image';
import { down, downHoldingLock, instanceLockPath } from './down';
import { readInventory, type Inventory } from './inventory';
import { withLock } from './lock';
import { testbedSettings, type TestbedSettings } from './settings';
import { status } from './status';
import { up } from './up';

/** Whether this machine can run the testbed, and if not, what is missing (each line says what to do). */
export function testbedAvailability(settings: TestbedSettings = testbedSettings()): Availability {
  return assessAvailability(probeMachine(baseIsBuilt(baseDir(settings.cacheDir))));
}

export interface EnsuredTestbed {
  readonly inventory: Inventory;
  /** True when this call booted hosts, so the caller should bring the testbed down when done. */
  readonly startedByUs: boolean;
  readonly seconds: number;
}

/** Reuses a healthy running testbed with at least `hosts` hosts, or boots what is missing. */
export async function ensureTestbed(options: {
  hosts: number;
  settings?: TestbedSettings;
  log?: (line: string) => void;
}): Promise<EnsuredTestbed> {
  const settings = options.settings ?? testbedSettings();
  let current = await status(settings);
  if (current.up && current.healthy && current.hosts.length >= options.hosts) {
    return { inventory: readInventory(settings.stateDir), startedByUs: false, seconds: 0 };
  }
  if (current.up && !current.hosts.some((host) => host.running)) {
    // left behind by a run that died or a machine reboot: nobody uses it, so clear it and start
    // over; looked at again under the lock, since another run may have booted it meanwhile
    await withLock(instanceLockPath(settings), async () => {
      const again = await status(settings);
      if (!again.up || again.hosts.some((host) => host.running)) return;
      options.log?.(`testbed ${settings.name} has state but no running host: removing the leftovers first`);
      await downHoldingLock(settings, options.log);
    });
    current = await status(settings);
  }
  const result = await up(settings, options.hosts, options.log);
  return { inventory: result.inventory, startedByUs: !current.up, seconds: result.seconds };
}

export async function teardownTestbed(settings: TestbedSettings = testbedSettings()): Promise<void> {
  await down(settings);
}

export { assessAvailability, probeMachine, type Availability, type MachineFacts } from './lib/availability';
export { SUDO_PASSWORD, SUDO_USER } from './lib/base-image';
export { down, type DownResult } from './lib/down';
export { ensureTestbed, teardownTestbed, testbedAvailability, type EnsuredTestbed } from './lib/ensure';
export { execInHost } from './lib/host-exec';
export {
  buildInventory,
  inventoryFiles,
  inventoryYaml,
  readInventory,
  type Inventory,
  type InventoryHost,
} from './lib/inventory';
export { testbedSettings, type TestbedSettings } from './lib/settings';
export { formatStatus, status, type HostStatus, type TestbedStatus } from './lib/status';
export { TestbedUnavailableError, up, type UpResult } from './lib/up';
export { baseDir, baseIsBuilt, REPO_MOUNT } from './lib/base-image';

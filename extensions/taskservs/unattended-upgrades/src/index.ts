export { unattendedUpgrades, UNATTENDED_UPGRADES_OPERATION_IDS } from './unattended-upgrades';
export { unattendedUpgradesParams } from './params';
export type { UnattendedUpgradesParams } from './params';
export { unattendedUpgradesScenarios } from './unattended-upgrades.scenarios';

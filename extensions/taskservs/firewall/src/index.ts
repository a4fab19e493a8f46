export { firewall, FIREWALL_OPERATION_IDS } from './firewall';
export { firewallParams } from './params';
export type { FirewallParams } from './params';
export { firewallScenarios } from './firewall.scenarios';

export { fail2ban, FAIL2BAN_OPERATION_IDS } from './fail2ban';
export { fail2banParams } from './params';
export type { Fail2banParams } from './params';
export { fail2banScenarios } from './fail2ban.scenarios';

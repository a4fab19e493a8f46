export { caddy, CADDY_OPERATION_IDS } from './caddy';
export { caddyParams } from './params';
export type { CaddyParams } from './params';
export { caddyScenarios } from './caddy.scenarios';

export { haproxy, HAPROXY_OPERATION_IDS } from './haproxy';
export { haproxyParams } from './params';
export type { HaproxyParams } from './params';
export { haproxyScenarios } from './haproxy.scenarios';

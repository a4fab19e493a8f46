export { base } from './base';
export { baseParams } from './params';
export type { BaseParams, BaseUser } from './params';
export { baseScenarios } from './base.scenarios';

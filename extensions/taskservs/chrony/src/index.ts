export { chrony, CHRONY_OPERATION_IDS } from './chrony';
export { chronyParams } from './params';
export type { ChronyParams } from './params';
export { chronyScenarios } from './chrony.scenarios';

export { k3s } from './k3s';
export { k3sParams } from './params';
export type { K3sParams } from './params';
export { KNOWN_RELEASES } from './release';
export { k3sScenarios } from './k3s.scenarios';

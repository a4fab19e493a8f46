export { containerd, CONTAINERD_OPERATION_IDS } from './containerd';
export { containerdParams } from './params';
export type { ContainerdParams } from './params';
export { containerdScenarios } from './containerd.scenarios';

export { etcd, ETCD_OPERATION_IDS } from './etcd';
export { etcdParams } from './params';
export type { EtcdParams } from './params';
export { etcdScenarios } from './etcd.scenarios';

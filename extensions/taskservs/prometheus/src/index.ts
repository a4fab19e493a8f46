export { prometheus, PROMETHEUS_OPERATION_IDS } from './prometheus';
export { prometheusParams } from './params';
export type { PrometheusParams } from './params';
export { prometheusScenarios } from './prometheus.scenarios';

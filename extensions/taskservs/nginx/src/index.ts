export { nginx } from './nginx';
export { nginxParams } from './params';
export type { NginxParams } from './params';
export { nginxScenarios } from './nginx.scenarios';

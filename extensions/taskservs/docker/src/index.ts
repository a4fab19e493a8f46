export { docker, DOCKER_OPERATION_IDS } from './docker';
export { dockerParams } from './params';
export type { DockerParams } from './params';
export { dockerScenarios } from './docker.scenarios';

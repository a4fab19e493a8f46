// @provisioning/nx-plugin: inferred projects for extensions and templates, generators and executors.
export { createDependencies } from './plugin/create-dependencies';
export { createNodes } from './plugin/create-nodes';

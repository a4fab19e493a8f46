// @provisioning/extensions: manifests, compatibility, workspace templates (and, later, the registry
// client, integrity checks and loader). Its public API is exported here.
export * from './manifest';
export * from './templates';

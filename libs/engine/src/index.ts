// @provisioning/engine: see docs/architecture.md for what this library owns. Its public API is exported here.
export {};

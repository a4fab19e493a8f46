// @provisioning/store/testing: what other projects' tests use to check or run a workflow store.
export { startTestPostgres, TEST_POSTGRES_URL_VAR, type TestPostgres } from './postgres-cluster';
export { describeWorkflowStoreContract, type WorkflowStoreFixture } from './workflow-store-contract';

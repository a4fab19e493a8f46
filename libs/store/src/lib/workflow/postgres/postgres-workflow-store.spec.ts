import { startTestPostgres, type TestPostgres } from '../../../testing/postgres-cluster';
import { describeWorkflowStoreContract } from '../../../testing/workflow-store-contract';
import { openWorkflowStore } from '../open-workflow-store';

// A real server: a throwaway cluster started for this file (initdb + pg_ctl), one database per test.
jest.setTimeout(30_000);
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describeWorkflowStoreContract('PostgreSQL workflow store', async () => {
  const url = await postgres.createDatabase();
  return {
    store: await openWorkflowStore(url),
    openAnother: () => openWorkflowStore(url),
    cleanup: async () => undefined,
  };
});

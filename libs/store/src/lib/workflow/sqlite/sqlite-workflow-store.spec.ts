import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWorkflowStoreContract } from '../../../testing/workflow-store-contract';
import { openWorkflowStore } from '../open-workflow-store';

describeWorkflowStoreContract('SQLite workflow store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-store-'));
  const location = `sqlite:${join(dir, 'workflows.db')}`;
  return {
    store: await openWorkflowStore(location),
    openAnother: () => openWorkflowStore(location),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { findWorkspaceRoot } from './find-workspace-root';

describe('findWorkspaceRoot', () => {
  it('finds provisioning.yaml in the start directory itself', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\n' });
    expect(findWorkspaceRoot(ws.root)).toBe(ws.root);
    ws.cleanup();
  });

  it('walks up from a nested directory to the nearest provisioning.yaml', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      'infra/prod/servers.yaml': 'servers: []\n',
    });
    const nested = join(ws.root, 'infra', 'prod', 'deep');
    mkdirSync(nested);
    expect(findWorkspaceRoot(nested)).toBe(ws.root);
    ws.cleanup();
  });

  it('returns undefined when no directory up to the root has provisioning.yaml', () => {
    const ws = createTempWorkspace({ 'notes.txt': '' });
    expect(findWorkspaceRoot(ws.root)).toBeUndefined();
    ws.cleanup();
  });
});

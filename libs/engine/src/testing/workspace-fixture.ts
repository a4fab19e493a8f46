import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadWorkspace, type Infra } from '@provisioning/config';

/** Writes a workspace (file path → YAML text) into a temp dir and loads it with the real loader. */
export function writeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'engine-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function loadInfra(files: Record<string, string>, env: NodeJS.ProcessEnv = {}, infra = 'main'): Infra {
  const root = writeWorkspace({ 'provisioning.yaml': `name: test\ndefault_infra: ${infra}\n`, ...files });
  const { workspace } = loadWorkspace(root, { env });
  return workspace.infras[infra];
}

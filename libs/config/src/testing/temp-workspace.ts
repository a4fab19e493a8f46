import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Creates a workspace in a fresh temp dir from `{ relativePath: content }`; `cleanup()` removes it. */
export function createTempWorkspace(files: Record<string, string>): {
  root: string;
  cleanup: () => void;
  write: (path: string, content: string) => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'provisioning-config-'));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { root, write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

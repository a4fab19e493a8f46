import { existsSync } from 'node:fs';
import { readTextFile } from '../yaml/read-yaml-file';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';

export const STATE_DIR = '.provisioning';

/** A .gitignore line that keeps a `.provisioning` directory out (`.provisioning/`, `/.provisioning`, `**\/.provisioning/**`, ...). */
const IGNORES_STATE_DIR = /^(\/|\*\*\/)?([^#!\s]*\/)?\.provisioning\/?(\*\*?)?$/;

function gitRepositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function ignoredIn(file: string): boolean {
  if (!existsSync(file)) return false;
  const text = readTextFile(file, file);
  return typeof text === 'string' && text.split('\n').some((line) => IGNORES_STATE_DIR.test(line.trim()));
}

/**
 * In a git repository, `.provisioning/` (state, secrets, schemas) must be git-ignored: a warning
 * when no .gitignore between the workspace and the repository root (nor .git/info/exclude) does.
 */
export function checkStateDirIgnored(root: string): Diagnostic[] {
  if (!existsSync(join(root, STATE_DIR))) return [];
  const repository = gitRepositoryRoot(root);
  if (!repository) return [];
  const ignoreFiles = [join(repository, '.git', 'info', 'exclude')];
  for (let dir = root; ; dir = dirname(dir)) {
    ignoreFiles.push(join(dir, '.gitignore'));
    if (dir === repository || dirname(dir) === dir) break;
  }
  if (ignoreFiles.some(ignoredIn)) return [];
  return [
    {
      file: STATE_DIR,
      line: 0,
      col: 0,
      severity: 'warning',
      path: '',
      message:
        'is not git-ignored; add `.provisioning/` to .gitignore so state, secrets and schemas never get committed',
      code: 'state-dir-not-ignored',
    },
  ];
}

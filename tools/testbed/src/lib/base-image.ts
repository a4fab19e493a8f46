import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Facts baked into the base image by scripts/build-base.sh (keep the two in step). */
export const SUDO_USER = 'deploy';
export const SUDO_PASSWORD = 'testbed-sudo-password';
export const REPO_MOUNT = '/srv/localrepo';

export const SCRIPTS_DIR = join(__dirname, '..', '..', 'scripts');

/** The cache key build-base.sh uses: first 12 hex chars of sha256(build-base.sh + packages.txt). */
export function recipeHash(scriptsDir: string = SCRIPTS_DIR): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(scriptsDir, 'build-base.sh')));
  hash.update(readFileSync(join(scriptsDir, 'packages.txt')));
  return hash.digest('hex').slice(0, 12);
}

export function baseDir(cacheDir: string, hash: string = recipeHash()): string {
  return join(cacheDir, `base-${hash}`);
}

/** True when build-base.sh finished for this recipe (it writes `complete` last). */
export function baseIsBuilt(dir: string): boolean {
  return existsSync(join(dir, 'complete'));
}

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TaskservScenario } from '@provisioning/sdk';
import type { Inventory } from '@provisioning/testbed';

const repoRoot = join(__dirname, '../../../..');

/**
 * Serves the scenario's artifacts from the testbed's artifact server and returns the text
 * substitutions its params use: `${artifacts}` (base URL) and `${sha256:<path>}`.
 */
export function placeArtifacts(inventory: Inventory, scenario: TaskservScenario): Map<string, string> {
  const substitutions = new Map([['${artifacts}', inventory.artifacts.url.replace(/\/$/, '')]]);
  for (const artifact of scenario.artifacts ?? []) {
    const destination = join(inventory.artifacts.dir, artifact.path);
    mkdirSync(dirname(destination), { recursive: true });
    if (artifact.source) copyFileSync(join(repoRoot, artifact.source), destination);
    if (artifact.build)
      execFileSync('/bin/sh', ['-c', artifact.build], {
        cwd: repoRoot,
        env: { ...process.env, OUT: destination },
        stdio: 'pipe',
      });
    const sha256 = createHash('sha256').update(readFileSync(destination)).digest('hex');
    substitutions.set(`\${sha256:${artifact.path}}`, sha256);
  }
  return substitutions;
}

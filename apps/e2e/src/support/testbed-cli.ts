import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// jest loads globalSetup with plain Node resolution (no tsconfig paths), so the setup drives the
// testbed through its command line, the same one `nx run testbed:up` uses.
const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(WORKSPACE_ROOT, 'tools', 'testbed', 'src', 'cli.ts');

/** Runs `testbed <args>` and returns its stdout; progress lines go to the terminal (stderr). */
export function testbedCli(args: readonly string[]): string {
  return execFileSync(process.execPath, ['-r', require.resolve('@swc-node/register'), CLI, ...args], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
}

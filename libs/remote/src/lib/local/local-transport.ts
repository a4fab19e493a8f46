import { spawn } from 'node:child_process';
import type { CommandTransport } from '../exec/host-executor';
import type { ProcessOutcome, SpawnedCommand } from '../exec/spawned-command';

/**
 * Runs command lines on this machine through /bin/sh, in their own process group so a timeout or
 * abort kills the whole pipeline, not just the shell.
 */
export class LocalTransport implements CommandTransport {
  readonly downReason = undefined;
  readonly terminateKillsGroup = true;

  async spawn(commandLine: string): Promise<SpawnedCommand> {
    const child = spawn('/bin/sh', ['-c', '--', commandLine], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const finished = new Promise<ProcessOutcome>((resolve) => {
      child.once('error', (error) =>
        resolve({ kind: 'lost', reason: `cannot start /bin/sh: ${error.message}` }),
      );
      child.once('close', (code, signal) => resolve({ kind: 'exited', code, ...(signal ? { signal } : {}) }));
    });
    return {
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      finished,
      terminate: () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      },
    };
  }
}

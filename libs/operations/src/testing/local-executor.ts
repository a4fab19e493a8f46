import { spawn } from 'node:child_process';
import { redact } from '@provisioning/sdk';
import type { ExecOptions, ExecResult, Executor } from '@provisioning/sdk';

/**
 * A minimal `Executor` over the local `/bin/sh`, for tests of this library only. The real one,
 * with sudo and SSH, lives in `@provisioning/remote`, which this layer may not import.
 * It counts calls so tests can assert round trips.
 */
export class LocalTestExecutor implements Executor {
  readonly host = 'localhost';
  calls: string[] = [];

  exec(commandLine: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push(redact(commandLine, options.secrets));
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', commandLine], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        signal: options.signal,
        timeout: options.timeoutMs,
        // Its own process group, so a timeout or an abort stops what the command started too
        // (the SSH executor kills the remote group the same way); a `sleep` left running would
        // hold the pipes open and keep the test process alive after the suite.
        detached: true,
      });
      child.on('exit', (_code, signal) => {
        if (signal && child.pid) killGroup(child.pid);
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        stdout.push(chunk);
        options.onStdout?.(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        options.onStderr?.(chunk);
      });
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({
          code,
          signal: signal ?? undefined,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
          durationMs: Date.now() - started,
        }),
      );
      child.stdin.on('error', () => undefined); // the command may exit without reading stdin
      child.stdin.end(options.stdin ?? '');
    });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

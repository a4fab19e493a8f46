import { execFile } from 'node:child_process';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without a shell; a failure names the command, its exit code and its stderr.
 * With `timeoutMs` the program is killed (SIGKILL) when it runs longer, and that is a failure.
 */
export function run(
  program: string,
  args: readonly string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const settings = {
      maxBuffer: 64 * 1024 * 1024,
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    };
    const child = execFile(program, [...args], settings, (error, stdout, stderr) => {
      if (error) {
        if (error.killed && options.timeoutMs) {
          reject(
            new Error(
              `\`${[program, ...args].join(' ')}\` did not finish within ${options.timeoutMs} ms and was killed`,
            ),
          );
          return;
        }
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        reject(
          new Error(
            `\`${[program, ...args].join(' ')}\` failed (${typeof code === 'number' ? `exit ${code}` : String(code ?? error.message)})` +
              (stderr.trim() ? `: ${stderr.trim()}` : ''),
          ),
        );
        return;
      }
      resolve({ stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

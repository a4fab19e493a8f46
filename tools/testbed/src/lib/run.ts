import { execFile } from 'node:child_process';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell; a failure names the command, its exit code and its stderr. */
export function run(program: string, args: readonly string[], options: { input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(program, [...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
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

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from './errors';

/**
 * A program built beside this CLI (dist/apps/<project>/main.js), or the path `envVar` names: the
 * orchestrator and the MCP server run as their own processes, so the CLI's start-up stays small.
 */
export function siblingProgram(project: string, envVar: string, env: NodeJS.ProcessEnv): string {
  const told = env[envVar];
  if (told) return told;
  const beside = join(dirname(process.argv[1] ?? ''), '..', project, 'main.js');
  if (existsSync(beside)) return beside;
  throw new CliError(
    `the ${project} program is not installed next to this CLI (looked for ${beside})`,
    `build it with \`nx run ${project}:build\` (dist/apps/${project}/main.js), or set ${envVar} to its path`,
  );
}

/** Runs `node <args>` in the foreground on this process's stdio; signals pass through, its exit code is ours. */
export async function runInForeground(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onTerm = forward('SIGTERM');
  const onInt = forward('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.removeListener('SIGTERM', onTerm);
    process.removeListener('SIGINT', onInt);
  }
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root.js';

/** Where the orchestrator program is: next to this CLI in a build (dist/apps/orchestrator/main.js), or as told. */
export function orchestratorEntry(env: NodeJS.ProcessEnv): string {
  const told = env.PROVISIONING_ORCHESTRATOR_ENTRY;
  if (told) return told;
  const beside = join(dirname(process.argv[1] ?? ''), '..', 'orchestrator', 'main.js');
  if (existsSync(beside)) return beside;
  throw new CliError(
    `the orchestrator program is not installed next to this CLI (looked for ${beside})`,
    'build it with `nx run orchestrator:build` (dist/apps/orchestrator/main.js), or set PROVISIONING_ORCHESTRATOR_ENTRY to its path',
  );
}

/** Runs the orchestrator in the foreground as a child process; signals pass through, its exit code is ours. */
export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as { store?: string; workers: string; listen: string };
  const workspace = (await workspaceRootFor(ctx, { required: true })) as string;
  const args = [
    orchestratorEntry(ctx.env),
    'start',
    '--workspace',
    workspace,
    '--workers',
    options.workers,
    '--listen',
    options.listen,
    ...(options.store ? ['--store', options.store] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: ctx.env });
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

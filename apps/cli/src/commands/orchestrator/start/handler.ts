import type { CommandContext } from '../../../cli/command-definition';
import { runInForeground, siblingProgram } from '../../../cli/sibling-program';
import { workspaceRootFor } from '../../../engine/workspace-root.js';

/** Runs the orchestrator in the foreground as a child process; signals pass through, its exit code is ours. */
export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as { store?: string; workers: string; listen: string };
  const workspace = (await workspaceRootFor(ctx, { required: true })) as string;
  return runInForeground(
    [
      siblingProgram('orchestrator', 'PROVISIONING_ORCHESTRATOR_ENTRY', ctx.env),
      'start',
      '--workspace',
      workspace,
      '--workers',
      options.workers,
      '--listen',
      options.listen,
      ...(options.store ? ['--store', options.store] : []),
    ],
    ctx.env,
  );
}

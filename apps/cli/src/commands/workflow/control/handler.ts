import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { type ClientOptionValues, openWorkflowClient } from '../client/open-workflow-client';
import { followProgress } from '../follow-progress';
import { renderWorkflowDetail } from '../render-workflow';

/** cancel, resume and rollback: ask, then (resume, rollback) follow the steps it starts. */
export async function runControl(
  ctx: CommandContext,
  action: 'cancel' | 'resume' | 'rollback',
): Promise<number> {
  const options = ctx.options as ClientOptionValues & { wait?: boolean };
  const client = await openWorkflowClient(ctx, options);
  try {
    const id = ctx.args[0];
    let lastSeq = 0;
    await client.events(id, { follow: false, onEvent: (event) => (lastSeq = event.seq) });
    const record = await client.control(id, action);
    ctx.out.info(`${action}: ${record.id} is now ${record.status}`);
    const waited = action !== 'cancel' && (client.inProcess || options.wait === true);
    if (waited) await followProgress(ctx, client, id, lastSeq);
    const detail = await client.get(id);
    ctx.out.result(detail, renderWorkflowDetail);
    return waited && !['succeeded', 'rolled_back'].includes(detail.workflow.status)
      ? ExitCode.error
      : ExitCode.ok;
  } finally {
    await client.close();
  }
}

import type { CommandContext } from '../../../cli/command-definition';
import { type ClientOptionValues, openWorkflowClient } from '../client/open-workflow-client';
import { renderWorkflowDetail } from '../render-workflow';

export async function run(ctx: CommandContext): Promise<number> {
  const client = await openWorkflowClient(ctx, ctx.options as ClientOptionValues);
  try {
    ctx.out.result(await client.get(ctx.args[0]), renderWorkflowDetail);
    return 0;
  } finally {
    await client.close();
  }
}

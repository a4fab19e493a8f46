import type { WorkflowPage, WorkflowStatus } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { UsageError } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { type ClientOptionValues, openWorkflowClient } from '../client/open-workflow-client';
import { renderWorkflowLine } from '../render-workflow';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as unknown as ClientOptionValues & {
    status?: WorkflowStatus;
    limit: string;
    cursor?: string;
  };
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError(`--limit must be a whole number from 1 to 500, not "${options.limit}"`);
  const client = await openWorkflowClient(ctx, options);
  try {
    const page = await client.list({ status: options.status, limit, cursor: options.cursor });
    ctx.out.result(page, (data: WorkflowPage, style: Style) =>
      data.items.length === 0
        ? 'No workflows yet.'
        : `${data.items.map((item) => renderWorkflowLine(item, style)).join('\n')}${data.nextCursor ? `\n${style.dim(`more: --cursor ${data.nextCursor}`)}` : ''}`,
    );
    return 0;
  } finally {
    await client.close();
  }
}

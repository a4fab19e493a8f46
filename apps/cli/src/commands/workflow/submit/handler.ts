import { resolve } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { type ClientOptionValues, openWorkflowClient } from '../client/open-workflow-client';
import { followProgress } from '../follow-progress';
import { renderWorkflowDetail } from '../render-workflow';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as ClientOptionValues & { wait?: boolean; idempotencyKey?: string };
  const client = await openWorkflowClient(ctx, options);
  try {
    const { workflow, created } = await client.submit(resolve(ctx.cwd, ctx.args[0]), {
      idempotencyKey: options.idempotencyKey,
      displayAs: ctx.args[0],
    });
    ctx.out.info(
      created
        ? `submitted ${workflow.id} (${workflow.name}) to ${client.where}`
        : `already submitted as ${workflow.id} (same idempotency key); following that one`,
    );
    const waited = client.inProcess || options.wait === true;
    if (waited && !(await followProgress(ctx, client, workflow.id))) {
      ctx.out.info(`interrupted; continue with: provisioning workflow resume ${workflow.id}`);
    }
    const detail = await client.get(workflow.id);
    ctx.out.result(detail, renderWorkflowDetail);
    return waited && detail.workflow.status !== 'succeeded' ? ExitCode.error : ExitCode.ok;
  } finally {
    await client.close();
  }
}

import type { WorkflowEvent } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { type ClientOptionValues, openWorkflowClient } from '../client/open-workflow-client';
import { LocalWorkflowClient } from '../client/local-workflow-client';
import { renderEvent } from '../render-workflow';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as ClientOptionValues & { follow?: boolean };
  const client = await openWorkflowClient(ctx, options);
  const events: WorkflowEvent[] = [];
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    // Text lines go out as they come (stdout: they are this command's result); JSON at the end.
    const following = client.events(ctx.args[0], {
      follow: options.follow === true,
      signal: interrupt.signal,
      onEvent: (event) => {
        events.push(event);
        ctx.out.resultLine(renderEvent(event, ctx.out.style));
      },
    });
    await (options.follow && client instanceof LocalWorkflowClient ? client.work(following) : following);
    if (ctx.out.json) ctx.out.result({ events }, () => '');
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await client.close();
  }
}

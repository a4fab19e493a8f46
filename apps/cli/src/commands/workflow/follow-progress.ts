import type { CommandContext } from '../../cli/command-definition';
import type { WorkflowClient } from './client/workflow-client';
import { LocalWorkflowClient } from './client/local-workflow-client';
import { renderEvent } from './render-workflow';

/**
 * Prints a workflow's events as progress lines (stderr; nothing under --output json) until it
 * ends, running its steps in this process when the client is in-process. Ctrl-C stops following
 * (in-process: the running step is checkpointed as interrupted). Returns false when interrupted.
 */
export async function followProgress(
  ctx: CommandContext,
  client: WorkflowClient,
  id: string,
  afterSeq = 0,
): Promise<boolean> {
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    const following = client.events(id, {
      afterSeq,
      follow: true,
      signal: interrupt.signal,
      onEvent: (event) => ctx.out.info(renderEvent(event, ctx.out.errStyle)),
    });
    await (client instanceof LocalWorkflowClient ? client.work(following) : following);
    return !interrupt.signal.aborted;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

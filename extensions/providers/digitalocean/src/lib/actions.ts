import { pollUntil, type ProviderContext } from '@provisioning/sdk';
import type { DigitaloceanApi, DoAction } from './digitalocean-api';
import type { DigitaloceanOptions } from './options';

/** Polls the actions until each completed; an errored one throws. */
export async function waitForActions(
  ctx: ProviderContext<DigitaloceanOptions>,
  api: DigitaloceanApi,
  actions: readonly Pick<DoAction, 'id'>[],
  what: string,
): Promise<void> {
  for (const { id } of actions) {
    let last: DoAction | undefined;
    const done = await pollUntil(
      async () => {
        last = await api.action(id);
        if (last.status !== 'in-progress') return last;
        ctx.log(`digitalocean: ${what}: action ${id} (${last.type}) in progress`);
        return undefined;
      },
      {
        timeoutMs: ctx.options.action_timeout * 1000,
        intervalMs: ctx.options.poll_interval * 1000,
        signal: ctx.signal,
      },
    );
    if (!done)
      throw new Error(
        `digitalocean: ${what}: action ${id} (${last?.type ?? 'create'}) still in progress after ${ctx.options.action_timeout} s (action_timeout); run the same command again to wait for it and finish`,
      );
    if (done.status === 'errored')
      throw new Error(`digitalocean: ${what}: action ${id} (${done.type}) errored`);
  }
}

import { pollUntil, type ProviderContext } from '@provisioning/sdk';
import type { HcloudAction, HetznerApi } from './hetzner-api';
import type { HetznerOptions } from './options';

/** An action that did not finish within action_timeout: the server may be half-made. */
export class HetznerActionTimeoutError extends Error {
  override name = 'HetznerActionTimeoutError';
}

/** Polls the actions until each succeeded; an errored action throws with the API's code and message. */
export async function waitForActions(
  ctx: ProviderContext<HetznerOptions>,
  api: HetznerApi,
  actions: readonly HcloudAction[],
  what: string,
): Promise<void> {
  for (const first of actions) {
    let last = first;
    const done = await pollUntil(
      async () => {
        last = last.status === 'running' ? await api.action(last.id) : last;
        if (last.status === 'running') {
          ctx.log(`hetzner: ${what}: action ${last.id} (${last.command}) ${last.progress}%`);
          return undefined;
        }
        return last;
      },
      {
        timeoutMs: ctx.options.action_timeout * 1000,
        intervalMs: ctx.options.poll_interval * 1000,
        signal: ctx.signal,
      },
    );
    if (!done)
      throw new HetznerActionTimeoutError(
        `hetzner: ${what}: action ${last.id} (${last.command}) still running after ${ctx.options.action_timeout} s (action_timeout); run the same command again to wait for it and finish`,
      );
    if (done.status === 'error')
      throw new Error(
        `hetzner: ${what}: action ${done.id} (${done.command}) failed: ${done.error?.code ?? 'error'}: ${done.error?.message ?? 'no message'}`,
      );
  }
}

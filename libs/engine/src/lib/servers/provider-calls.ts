import type { Server } from '@provisioning/config';
import { InterpolationError, interpolateValue } from '@provisioning/config';
import {
  parseProviderOptions,
  type ProviderContext,
  type ProviderDefinition,
  Redactor,
} from '@provisioning/sdk';
import { EngineError } from '../errors';
import { reveal } from '../run/prepare-run';
import type { ServerContext } from './server-context';

/** A provider bound to one server: its definition, its validated options and a call context. */
export interface BoundProvider {
  definition: ProviderDefinition;
  context: ProviderContext<unknown>;
  redactor: Redactor;
}

/** Resolves a server's provider and its `provider_options` (with `{{secret.X}}` revealed only here). */
export function bindProvider(ctx: ServerContext, server: Server): BoundProvider {
  const definition = ctx.resolveProvider(server.provider);
  if (!definition) {
    throw new EngineError(
      `${server.source.file}:${server.source.line}:${server.source.col} server "${server.name}" uses provider "${server.provider}", which is not installed`,
      "see 'provisioning provider list' for the providers this installation has",
    );
  }
  const secrets: Record<string, string> = {};
  const masked = new Set<string>();
  const where = `${server.source.file}:${server.source.line}:${server.source.col}`;
  let options: unknown;
  try {
    const interpolation = {
      env: ctx.env ?? process.env,
      workspace: { name: ctx.workspaceName },
      infra: { name: ctx.infra.name },
      secrets: ctx.secrets,
    };
    const raw = reveal(interpolateValue(server.provider_options ?? {}, interpolation), {
      masked,
      byName: secrets,
    });
    options = parseProviderOptions(definition, raw, server.name);
  } catch (error) {
    if (error instanceof InterpolationError)
      throw new EngineError(
        `${where} provider_options of server "${server.name}": ${error.message}`,
        'set the secret (PROVISIONING_SECRET_<NAME> or the secrets file); docs/workspace.md explains both',
      );
    throw new EngineError(
      `${where} ${(error as Error).message}`,
      `the options of provider ${definition.name} are in its README`,
    );
  }
  const redactor = new Redactor([...masked]);
  const context: ProviderContext<unknown> = {
    options,
    secrets,
    signal: ctx.signal,
    log: (message) =>
      ctx.onEvent?.({ type: 'server-progress', server: server.name, message: redactor.redact(message) }),
  };
  return { definition, context, redactor };
}

/**
 * Makes one provider call with the journal around it: `started` in the store before it, then
 * `finished` or `failed` (with the redacted error) after, and the same as events.
 */
export async function journaled<T>(
  ctx: ServerContext,
  bound: BoundProvider,
  server: string,
  call: string,
  work: () => Promise<T>,
): Promise<T> {
  const base = { infra: ctx.infra.name, server, provider: bound.definition.name, call };
  await ctx.store.recordProviderCall({ ...base, phase: 'started' });
  ctx.onEvent?.({ type: 'provider-call', server, provider: base.provider, call, phase: 'started' });
  try {
    const result = await work();
    await ctx.store.recordProviderCall({ ...base, phase: 'finished' });
    ctx.onEvent?.({ type: 'provider-call', server, provider: base.provider, call, phase: 'finished' });
    return result;
  } catch (error) {
    const message = bound.redactor.redact((error as Error).message ?? String(error));
    await ctx.store.recordProviderCall({ ...base, phase: 'failed', detail: message });
    ctx.onEvent?.({ type: 'provider-call', server, provider: base.provider, call, phase: 'failed', message });
    throw new EngineError(
      `${bound.definition.name} ${call} of ${server} failed: ${message}`,
      'the call is journaled; run the same command again to finish it, or `provisioning server list --drift` to compare',
    );
  }
}

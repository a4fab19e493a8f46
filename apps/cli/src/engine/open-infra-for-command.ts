import { EngineError, type InfraHandle, openInfra, openState, type StateHandle } from '@provisioning/engine';
import type { CommandContext } from '../cli/command-definition';
import { CliError, UsageError } from '../cli/errors';
import { builtinClusters, builtinProviders } from './builtin-providers';
import { builtinTaskservs } from './builtin-taskservs';
import { workspaceRootFor } from './workspace-root';

export interface InfraOptionValues {
  infra?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

/** Opens the command's infra through the engine: --workspace/cwd, --infra, --parallel, --accept-new-host-keys. */
export async function openInfraFor(ctx: CommandContext, options: InfraOptionValues): Promise<InfraHandle> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  try {
    return await openInfra({
      workspace: root,
      infra: options.infra,
      env: ctx.env,
      overrides: options.parallel !== undefined ? { 'run.parallelism': options.parallel } : {},
      acceptNewHostKeys: options.acceptNewHostKeys,
      // As ssh's "Permanently added": on stderr, even with --quiet, so a key trusted on first use is never silent.
      onHostKeyAccepted: (key) =>
        ctx.out.warn(
          `trusted the new host key of ${key.host} (${key.address}:${key.port}) on first use: ${key.fingerprint}, recorded in ${key.file}`,
        ),
      taskservs: ctx.taskservs ?? builtinTaskservs(),
      providers: ctx.providers ?? builtinProviders(),
      clusters: ctx.clusters ?? builtinClusters(),
    });
  } catch (error) {
    throw asCliError(error);
  }
}

/** The workspace's run history and locks, without loading its infra files. */
export async function openStateFor(ctx: CommandContext, options: { infra?: string }): Promise<StateHandle> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  try {
    return openState({ workspace: root, infra: options.infra, env: ctx.env });
  } catch (error) {
    throw asCliError(error);
  }
}

/** Engine errors (and remote ones) carry their own hint; keep it. Selection mistakes are usage errors (exit 2). */
export function asCliError(error: unknown): unknown {
  if (error instanceof EngineError)
    return error.code === 'usage'
      ? new UsageError(error.message, error.hint)
      : new CliError(error.message, error.hint);
  if (error instanceof Error && 'hint' in error && typeof error.hint === 'string')
    return new CliError(error.message, error.hint);
  return error;
}

import {
  ExtensionError,
  ExtensionManager,
  type InstallReport,
  readWorkspaceRegistries,
  userProvisioningDir,
} from '@provisioning/extensions';
import type { CommandContext } from '../../cli/command-definition';
import { CliError } from '../../cli/errors';
import type { Style } from '../../cli/style';
import { workspaceRootFor } from '../../engine/workspace-root';

/**
 * The extension manager for the workspace (or, with --user, for the user's ~/.provisioning with
 * its own lock), over the registries provisioning.yaml declares. Only `registries:` is read, so a
 * broken infra does not stop anyone from installing what would fix it.
 */
export async function extensionManagerFor(
  ctx: CommandContext,
  options: { user?: boolean; needsRegistries?: boolean } = {},
): Promise<{ manager: ExtensionManager; root: string }> {
  const workspace = await workspaceRootFor(ctx, { required: !options.user });
  const registries = workspace ? withRegistryErrors(() => readWorkspaceRegistries(workspace)) : [];
  const root = options.user ? userProvisioningDir(ctx.env) : (workspace as string);
  const manager = new ExtensionManager({
    workspaceRoot: root,
    registries,
    env: ctx.env,
    scope: options.user ? 'user' : 'workspace',
    onProgress: (message) => ctx.out.info(ctx.out.errStyle.dim(message)),
  });
  return { manager, root };
}

/** ExtensionError (and the engine's errors) to the CLI's one message and hint. */
export function asCliFailure(error: unknown): unknown {
  if (error instanceof ExtensionError) return new CliError(error.message, error.hint);
  return error;
}

function withRegistryErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw asCliFailure(error);
  }
}

export async function withExtensionErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asCliFailure(error);
  }
}

export function renderInstallReport(report: InstallReport, style: Style): string {
  const lines = report.changes.map((change) => {
    if (!change.from)
      return `${style.green('+')} ${change.kind} ${change.name} ${change.to} (${change.registry})`;
    if (!change.to) return `${style.red('-')} ${change.kind} ${change.name} ${change.from}`;
    return `${style.yellow('~')} ${change.kind} ${change.name} ${change.from} -> ${change.to} (${change.registry})`;
  });
  if (lines.length === 0) lines.push('Nothing to change: the installed extensions match the lock.');
  const notes = [
    `${report.downloaded} downloaded, ${report.fromCache} from the cache; lock: ${report.lockfile}`,
  ];
  if (report.offlineRegistries.length > 0)
    notes.push(
      style.yellow(
        `registries not reachable, their cached index was used: ${report.offlineRegistries.join(', ')}`,
      ),
    );
  return `${[...lines, '', ...notes].join('\n')}\n`;
}

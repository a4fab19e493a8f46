import type { InstallReport } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { UsageError } from '../../../cli/errors';
import { extensionManagerFor, renderInstallReport, withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as { frozen?: boolean; user?: boolean };
  const files = ctx.args.filter((arg) => arg.endsWith('.tgz'));
  const specs = ctx.args.filter((arg) => !arg.endsWith('.tgz'));
  if (options.frozen && ctx.args.length > 0)
    throw new UsageError(
      '--frozen installs exactly the lock; it takes no packages',
      'drop the package names, or drop --frozen to add them',
    );
  const { manager } = await extensionManagerFor(ctx, { user: options.user });
  const report = await withExtensionErrors(async () => {
    if (options.frozen || ctx.args.length === 0) return manager.installFrozen();
    const reports: InstallReport[] = [];
    for (const file of files) reports.push(await manager.installFile(file));
    if (specs.length > 0) reports.push(await manager.install(specs));
    const last = reports[reports.length - 1];
    return {
      ...last,
      changes: reports.flatMap((r) => r.changes),
      downloaded: reports.reduce((n, r) => n + r.downloaded, 0),
      fromCache: reports.reduce((n, r) => n + r.fromCache, 0),
    };
  });
  ctx.out.result(report, renderInstallReport);
  return 0;
}

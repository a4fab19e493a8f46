import { type ToolRequest, parseToolSpec, toolTaskserv } from '@provisioning/distribution';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode, UsageError } from '../../cli/errors';
import { asCliError } from '../../engine/open-infra-for-command';
import { confirm } from '../../prompt/confirm';
import { interruptSignal } from '../../prompt/interrupt-signal';
import { progressPrinter } from '../../render/progress';
import { renderPlan } from '../../render/render-plan';
import { renderRunResult } from '../../render/render-run-result';
import type { TargetOptionValues } from './install-options';
import { asCatalogCliError, loadToolCatalog } from './load-tool-catalog';
import { openToolTarget } from './tool-target';

interface InstallOptionValues extends TargetOptionValues {
  uninstall?: boolean;
  force?: boolean;
  mirror?: string;
  sha256?: string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as InstallOptionValues;
  if (ctx.args.length === 0)
    throw new UsageError(
      'name the tools to install, e.g. provisioning install kubectl helm@3.16.2',
      "'provisioning install catalog' lists them",
    );
  if (options.sha256 && ctx.args.length > 1)
    throw new UsageError(
      '--sha256 applies to one download: name one tool with it',
      'install the others in a separate command',
    );
  if (options.sha256 && !/^[0-9a-f]{64}$/.test(options.sha256))
    throw new UsageError(
      `--sha256 ${options.sha256} is not a sha256 in lowercase hex`,
      'copy the 64 hex characters from the publisher',
    );
  const catalog = loadToolCatalog(options.catalog);
  const action = options.uninstall ? 'remove' : 'install';
  const target = await openToolTarget(ctx, options);
  const interrupt = interruptSignal();
  try {
    const definitions = ctx.args.map((spec) => {
      const request: ToolRequest = { ...parseToolSpec(spec), sha256: options.sha256, mirror: options.mirror };
      return toolTaskserv(catalog, request, { layout: target.layout, force: options.force });
    });
    const run = target.run(definitions, action, {
      signal: interrupt.signal,
      onEvent: progressPrinter(ctx.out, ctx.env),
    });
    const where = target.infraName
      ? `${target.hosts.length} server(s) of infra ${target.infraName}`
      : 'this machine';
    let shown;
    if (ctx.global.check || (target.infraName && !ctx.global.yes)) {
      const preview = await run.plan();
      if (ctx.global.check || preview.errors > 0) {
        ctx.out.result(preview, renderPlan);
        return preview.errors > 0
          ? ExitCode.error
          : preview.changes > 0
            ? ExitCode.usageOrChanges
            : ExitCode.ok;
      }
      if (preview.changes === 0) {
        ctx.out.result(
          { status: 'unchanged', plan: preview },
          () =>
            `No changes: ${ctx.args.join(', ')} already ${action === 'install' ? 'installed' : 'absent'} on ${where}.\n`,
        );
        return ExitCode.ok;
      }
      await confirm(
        ctx,
        renderPlan(preview, ctx.out.errStyle),
        action === 'install' ? 'Install as shown?' : 'Uninstall as shown?',
        {
          message: `this would ${action} tools on ${where} and nobody is there to confirm`,
          hint: 'pass --yes to go ahead, or --check to only see the plan',
        },
      );
      shown = preview;
    }
    const result = await run.apply(
      shown,
      `install ${options.uninstall ? '--uninstall ' : ''}${ctx.args.join(' ')}`,
    );
    ctx.out.result(result, renderRunResult);
    if (
      !target.infraName &&
      action === 'install' &&
      !(ctx.env.PATH ?? '').split(':').includes(target.layout.binDir)
    ) {
      ctx.out.warn(
        `${target.layout.binDir} is not on your PATH; add it (e.g. in ~/.profile: export PATH="${target.layout.binDir}:$PATH")`,
      );
    }
    return result.status === 'succeeded' ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(asCatalogCliError(error));
  } finally {
    interrupt.dispose();
    await target.close();
  }
}

import { type ToolRequest, parseToolSpec, toolTaskserv } from '@provisioning/distribution';
import { apply, plan, resolverFor, withAdHocTaskservs } from '@provisioning/engine';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode, UsageError } from '../../cli/errors';
import { confirm } from '../../session/confirm';
import { asCliError } from '../../session/infra-session';
import { interruptSignal } from '../../session/interrupt-signal';
import { progressPrinter } from '../../session/progress';
import { renderPlan } from '../../session/render-plan';
import { renderRunResult } from '../../session/render-run-result';
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
    const base = target.runContext(action, {});
    const runContext = target.runContext(action, {
      infra: withAdHocTaskservs(base.infra, definitions, target.hosts),
      resolveTaskserv: resolverFor(definitions),
      taskservs: new Set(definitions.map((definition) => definition.name)),
      signal: interrupt.signal,
      onEvent: progressPrinter(ctx.out, ctx.env),
    });
    const where = target.session
      ? `${target.hosts.length} server(s) of infra ${target.session.infra.name}`
      : 'this machine';
    if (ctx.global.check || (target.session && !ctx.global.yes)) {
      const preview = await plan({ ...runContext, onEvent: undefined });
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
    }
    const result = await apply(runContext, {
      command: `install ${options.uninstall ? '--uninstall ' : ''}${ctx.args.join(' ')}`,
    });
    ctx.out.result(result, renderRunResult);
    if (
      !target.session &&
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

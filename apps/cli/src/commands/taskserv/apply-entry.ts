import type { InfraHandle, RunAction, RunResult } from '@provisioning/engine';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode, exitCodeFor } from '../../cli/errors';
import { asCliError, openInfraFor } from '../../engine/open-infra-for-command';
import { confirm } from '../../prompt/confirm';
import { progressPrinter } from '../../render/progress';
import { renderPlan } from '../../render/render-plan';
import { renderRunResult } from '../../render/render-run-result';
import { assertEntryTargetsHosts } from './entry-hosts';
import { entryName, type EntryOptionValues } from './entry-options';

const WORDING = {
  install: { question: 'Apply these changes?', refusal: 'this would change hosts', verb: 'apply' },
  remove: { question: 'Remove it as shown?', refusal: 'this would remove it from hosts', verb: 'remove' },
} as const;

/**
 * Applies (install) or removes one taskserv entry of the infra, with apply's rules: --check only
 * plans; without --yes it shows the plan and asks in a terminal, and refuses to run unattended;
 * what runs is exactly the plan shown.
 */
export async function applyEntry(ctx: CommandContext, action: RunAction): Promise<number> {
  const name = entryName(ctx);
  const options = ctx.options as EntryOptionValues;
  const infra = await openInfraFor(ctx, options);
  const wording = WORDING[action];
  try {
    assertEntryTargetsHosts(infra, name, options.servers);
    const selection = { servers: options.servers, taskservs: [name], action };
    const command = `taskserv ${action} ${name}`;
    if (!ctx.global.check && ctx.global.yes) {
      const result = await infra.apply(selection, { command, onEvent: progressPrinter(ctx.out) });
      return finish(ctx, infra, name, action, result);
    }
    const shown = await infra.plan(
      ctx.global.check ? { ...selection, onEvent: progressPrinter(ctx.out) } : selection,
    );
    if (ctx.global.check || shown.errors > 0) {
      ctx.out.result(shown, renderPlan);
      return exitCodeFor({ failed: shown.errors > 0, pending: shown.changes > 0 }, true);
    }
    if (shown.changes > 0) {
      await confirm(ctx, renderPlan(shown, ctx.out.errStyle), wording.question, {
        message: `${wording.refusal} (taskserv ${name}, infra ${infra.name}) and nobody is there to confirm`,
        hint: `pass --yes to ${wording.verb}, or --check to only see the plan`,
      });
    } else if (!(action === 'remove' && (await recordedOnSelectedHosts(infra, name, options.servers)))) {
      ctx.out.result(
        { status: 'unchanged', plan: shown },
        () =>
          `No changes: ${name} is already ${action === 'remove' ? 'removed' : 'as described'} on every host.`,
      );
      return ExitCode.ok;
    }
    // Else a removal that changes nothing on the hosts still forgets the recorded installs; nothing to confirm.
    const result = await infra.apply(shown, { command, onEvent: progressPrinter(ctx.out) });
    return finish(ctx, infra, name, action, result);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await infra.close();
  }
}

function finish(
  ctx: CommandContext,
  infra: InfraHandle,
  name: string,
  action: RunAction,
  result: RunResult,
): number {
  ctx.out.result(result, renderRunResult);
  if (action === 'remove' && result.status === 'succeeded') {
    const entry = infra.definition.taskservs.find((candidate) => candidate.name === name);
    if (entry)
      ctx.out.info(
        `${name} is still listed in ${entry.source.file}: the next apply installs it again; delete the entry to keep it removed.`,
      );
  }
  return exitCodeFor({ failed: result.status !== 'succeeded' });
}

async function recordedOnSelectedHosts(
  infra: InfraHandle,
  name: string,
  servers: string | undefined,
): Promise<boolean> {
  const selected = new Set(infra.selectServers(servers));
  return (await infra.installedTaskservs()).some(
    (record) => record.name === name && selected.has(record.host),
  );
}

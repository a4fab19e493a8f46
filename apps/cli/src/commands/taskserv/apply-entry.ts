import { apply, plan, type RunAction } from '@provisioning/engine';
import type { CommandContext } from '../../cli/command-definition';
import { ExitCode } from '../../cli/errors';
import { confirm } from '../../session/confirm';
import { asCliError, type InfraSession, openInfraSession } from '../../session/infra-session';
import { progressPrinter } from '../../session/progress';
import { renderPlan } from '../../session/render-plan';
import { renderRunResult } from '../../session/render-run-result';
import { assertEntryTargetsHosts } from './entry-hosts';
import { entryName, type EntryOptionValues } from './entry-options';

const WORDING = {
  install: { question: 'Apply these changes?', refusal: 'this would change hosts', verb: 'apply' },
  remove: { question: 'Remove it as shown?', refusal: 'this would remove it from hosts', verb: 'remove' },
} as const;

/**
 * Applies (install) or removes one taskserv entry of the infra, with apply's rules: --check only
 * plans; without --yes it shows the plan and asks in a terminal, and refuses to run unattended.
 */
export async function applyEntry(ctx: CommandContext, action: RunAction): Promise<number> {
  const name = entryName(ctx);
  const options = ctx.options as EntryOptionValues;
  const session = await openInfraSession(ctx, { ...options, taskservs: name });
  const wording = WORDING[action];
  try {
    assertEntryTargetsHosts(session, name, options.servers);
    const runContext = session.runContext(action, { onEvent: progressPrinter(ctx.out) });
    if (ctx.global.check || !ctx.global.yes) {
      const preview = await plan(ctx.global.check ? runContext : { ...runContext, onEvent: undefined });
      if (ctx.global.check || preview.errors > 0) {
        ctx.out.result(preview, renderPlan);
        return preview.errors > 0 ? ExitCode.error : preview.changes > 0 ? ExitCode.usageOrChanges : ExitCode.ok;
      }
      if (preview.changes > 0) {
        await confirm(ctx, renderPlan(preview, ctx.out.errStyle), wording.question, {
          message: `${wording.refusal} (taskserv ${name}, infra ${session.infra.name}) and nobody is there to confirm`,
          hint: `pass --yes to ${wording.verb}, or --check to only see the plan`,
        });
      } else if (!(action === 'remove' && (await recordedOnSelectedHosts(session, name)))) {
        ctx.out.result({ status: 'unchanged', plan: preview }, () => `No changes: ${name} is already ${action === 'remove' ? 'removed' : 'as described'} on every host.`);
        return ExitCode.ok;
      }
      // Else a removal that changes nothing on the hosts still forgets the recorded installs; nothing to confirm.
    }
    const result = await apply(runContext, { command: `taskserv ${action} ${name}` });
    ctx.out.result(result, renderRunResult);
    if (action === 'remove' && result.status === 'succeeded') {
      const entry = session.infra.taskservs.find((candidate) => candidate.name === name);
      if (entry) ctx.out.info(`${name} is still listed in ${entry.source.file}: the next apply installs it again; delete the entry to keep it removed.`);
    }
    return result.status === 'succeeded' ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await session.close();
  }
}

async function recordedOnSelectedHosts(session: InfraSession, name: string): Promise<boolean> {
  const records = await session.store.listTaskservs(session.infra.name);
  return records.some((record) => record.name === name && (!session.servers || session.servers.has(record.host)));
}

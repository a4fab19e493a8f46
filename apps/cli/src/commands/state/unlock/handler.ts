import type { LockRecord } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { confirm } from '../../../prompt/confirm';
import { formatTimestamp } from '../../../render/format-time';
import { openStateFor } from '../../../engine/open-infra-for-command';

export async function run(ctx: CommandContext): Promise<number> {
  const lockId = ctx.args[0];
  const state = await openStateFor(ctx, { infra: ctx.options.infra as string | undefined });
  if (!state.exists) {
    throw new CliError(
      `no state store at ${state.statePath}: nothing was applied in this workspace yet`,
      "run 'provisioning apply' first",
    );
  }
  try {
    const locks = await state.locks();
    const held = locks.find((lock) => lock.id === lockId);
    if (!held) {
      throw new CliError(
        `no lock "${lockId}" is held in ${state.statePath}`,
        locks.length
          ? `locks held now: ${locks.map((lock) => `${lock.id} (infra ${lock.infra})`).join(', ')}`
          : 'no infra is locked: nothing to unlock',
      );
    }
    if (!ctx.global.yes) {
      await confirm(ctx, `${describeHolder(held)}\n`, `Remove lock ${held.id}?`, {
        message: `removing lock ${held.id} of infra ${held.infra} needs confirmation and nobody is there to give it`,
        hint: `once you are sure its holder is gone: 'provisioning state unlock ${held.id} --yes'`,
      });
    }
    const removed = await state.forceUnlock(held.id);
    if (!removed)
      throw new CliError(
        `lock ${held.id} was released while we asked: nothing to unlock`,
        "check with 'provisioning state list'",
      );
    ctx.out.result(
      { unlocked: removed },
      (data) => `Unlocked infra ${data.unlocked.infra}: ${describeHolder(data.unlocked)}\n`,
    );
    return 0;
  } finally {
    await state.close();
  }
}

function describeHolder(lock: LockRecord): string {
  return `lock ${lock.id} of infra ${lock.infra} was held by ${lock.command} (pid ${lock.pid} on ${lock.hostname}) since ${formatTimestamp(lock.acquiredAt)}, lease until ${formatTimestamp(lock.expiresAt)}`;
}

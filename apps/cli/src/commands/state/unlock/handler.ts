import type { LockRecord } from '@provisioning/store';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { confirm } from '../../../session/confirm';
import { formatTimestamp } from '../../../session/format-time';
import { currentLocks, openStateStore } from '../../../session/state-store-session';

export async function run(ctx: CommandContext): Promise<number> {
  const lockId = ctx.args[0];
  const session = await openStateStore(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    const locks = await currentLocks(session);
    const held = locks.find((lock) => lock.id === lockId);
    if (!held) {
      throw new CliError(
        `no lock "${lockId}" is held in ${session.statePath}`,
        locks.length ? `locks held now: ${locks.map((lock) => `${lock.id} (infra ${lock.infra})`).join(', ')}` : 'no infra is locked: nothing to unlock',
      );
    }
    if (!ctx.global.yes) {
      await confirm(ctx, `${describeHolder(held)}\n`, `Remove lock ${held.id}?`, {
        message: `removing lock ${held.id} of infra ${held.infra} needs confirmation and nobody is there to give it`,
        hint: 'pass --yes once you are sure its holder is gone',
      });
    }
    const removed = await session.store.forceUnlock(held.id);
    if (!removed) throw new CliError(`lock ${held.id} was released while we asked: nothing to unlock`, "check with 'provisioning state list'");
    ctx.out.result({ unlocked: removed }, (data) => `Unlocked infra ${data.unlocked.infra}: ${describeHolder(data.unlocked)}\n`);
    return 0;
  } finally {
    await session.close();
  }
}

function describeHolder(lock: LockRecord): string {
  return `lock ${lock.id} of infra ${lock.infra} was held by ${lock.command} (pid ${lock.pid} on ${lock.hostname}) since ${formatTimestamp(lock.acquiredAt)}, lease until ${formatTimestamp(lock.expiresAt)}`;
}

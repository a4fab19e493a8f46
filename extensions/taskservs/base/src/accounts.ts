import { directory, file, group, user } from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';
import type { BaseUser } from './params';

const homeOf = (account: BaseUser) =>
  account.home ?? (account.name === 'root' ? '/root' : `/home/${account.name}`);

/** Supplementary groups first (each once, whoever names it), then each user with its keys. */
export function accounts(users: readonly BaseUser[]): Operation[] {
  const groupNames = [...new Set(users.flatMap((account) => account.groups))].sort();
  const groupIds = groupNames.map((name) => `group:${name}`);
  return [
    ...groupNames.map((name) => group({ name })),
    ...users.flatMap((account) => userOperations(account, groupIds)),
  ];
}

function userOperations(account: BaseUser, groupIds: string[]): Operation[] {
  const userId = `user:${account.name}`;
  const ownGroupIds = groupIds.filter((id) => account.groups.includes(id.slice('group:'.length)));
  const operations: Operation[] = [
    user({
      id: userId,
      name: account.name,
      groups: account.groups,
      shell: account.shell,
      // Only an explicit home is enforced: usermod -d -m would move an existing home otherwise.
      ...(account.home ? { home: account.home } : {}),
      ...(ownGroupIds.length ? { after: ownGroupIds } : {}),
    }),
  ];
  if (!account.authorized_keys.length) return operations;
  const sshDir = `${homeOf(account)}/.ssh`;
  const ownership = { owner: account.name, group: account.name };
  operations.push(
    directory({
      id: `directory:${account.name}-ssh`,
      path: sshDir,
      mode: '0700',
      ...ownership,
      after: [userId],
    }),
    file({
      id: `file:${account.name}-authorized-keys`,
      path: `${sshDir}/authorized_keys`,
      content: `${account.authorized_keys.join('\n')}\n`,
      mode: '0600',
      ...ownership,
      after: [userId, `directory:${account.name}-ssh`],
    }),
  );
  return operations;
}

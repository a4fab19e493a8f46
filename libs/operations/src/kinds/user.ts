import { command, quote } from '@provisioning/sdk';
import type { UserOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { Change, OperationHandler } from '../lib/handler';
import { getentScript, noBusyboxTool, shadowOrBusybox } from './accounts';

export interface UserFacts {
  exists: boolean;
  uid?: number;
  home?: string;
  shell?: string;
  primaryGroup?: string;
  groups: string[];
}

export const userHandler: OperationHandler<UserOperation, UserFacts> = {
  kind: 'user',

  factsScript: (op) =>
    [
      getentScript('passwd', op.name, 'passwd'),
      `if [ -n "$e" ]; then echo "primary=$(id -gn -- ${quote(op.name)})"; echo "groups=$(id -Gn -- ${quote(op.name)})"; fi`,
    ].join('\n'),

  parseFacts(text): UserFacts {
    const facts = new FactLines(text);
    const passwd = facts.get('passwd') ?? '';
    if (!passwd) return { exists: false, groups: [] };
    const [, , uid, , , home, shell] = passwd.split(':');
    return {
      exists: true,
      uid: Number(uid),
      home,
      shell,
      primaryGroup: facts.get('primary'),
      groups: (facts.get('groups') ?? '').split(' ').filter(Boolean),
    };
  },

  diff(op, facts): Change {
    if (op.state === 'absent') {
      return facts.exists
        ? { changed: true, summary: `remove user ${op.name}` }
        : { changed: false, summary: `user ${op.name} is absent` };
    }
    if (!facts.exists)
      return { changed: true, summary: `create user ${op.name}${op.system ? ' (system)' : ''}` };
    const changes = userChanges(op, facts);
    return changes.length
      ? { changed: true, summary: `update user ${op.name}: ${changes.join(', ')}` }
      : { changed: false, summary: `user ${op.name} is up to date` };
  },

  changeScript(op, facts) {
    if (op.state === 'absent')
      return shadowOrBusybox('userdel', command('userdel', '--', op.name), command('deluser', '--', op.name));
    if (!facts.exists) return shadowOrBusybox('useradd', createWithShadow(op), createWithBusybox(op));
    return shadowOrBusybox('usermod', modifyWithShadow(op, facts), noBusyboxTool(`changing user ${op.name}`));
  },

  paths: (op) => (op.home ? [op.home] : []),
};

function userChanges(op: UserOperation, facts: UserFacts): string[] {
  const changes: string[] = [];
  if (op.uid !== undefined && op.uid !== facts.uid) changes.push(`uid ${facts.uid} -> ${op.uid}`);
  if (op.group && op.group !== facts.primaryGroup) changes.push(`group ${facts.primaryGroup} -> ${op.group}`);
  if (op.home && op.home !== facts.home) changes.push(`home ${facts.home} -> ${op.home}`);
  if (op.shell && op.shell !== facts.shell) changes.push(`shell ${facts.shell} -> ${op.shell}`);
  const missing = missingGroups(op, facts);
  if (missing.length) changes.push(`add to ${missing.join(', ')}`);
  return changes;
}

const missingGroups = (op: UserOperation, facts: UserFacts) =>
  (op.groups ?? []).filter((name) => !facts.groups.includes(name));

function createWithShadow(op: UserOperation): string {
  const args: string[] = [op.system ? '-r' : '-m'];
  if (op.uid !== undefined) args.push('-u', String(op.uid));
  if (op.group) args.push('-g', op.group);
  if (op.groups?.length) args.push('-G', op.groups.join(','));
  if (op.home) args.push('-d', op.home);
  if (op.shell) args.push('-s', op.shell);
  return command('useradd', ...args, '--', op.name);
}

function createWithBusybox(op: UserOperation): string {
  const args: string[] = ['-D'];
  if (op.system) args.push('-S', '-H');
  if (op.uid !== undefined) args.push('-u', String(op.uid));
  if (op.group) args.push('-G', op.group);
  if (op.home) args.push('-h', op.home);
  if (op.shell) args.push('-s', op.shell);
  return [
    command('adduser', ...args, '--', op.name),
    ...(op.groups ?? []).map((name) => command('addgroup', '--', op.name, name)),
  ].join('\n');
}

function modifyWithShadow(op: UserOperation, facts: UserFacts): string {
  const args: string[] = [];
  if (op.uid !== undefined && op.uid !== facts.uid) args.push('-u', String(op.uid));
  if (op.group && op.group !== facts.primaryGroup) args.push('-g', op.group);
  if (op.home && op.home !== facts.home) args.push('-d', op.home, '-m');
  if (op.shell && op.shell !== facts.shell) args.push('-s', op.shell);
  const missing = missingGroups(op, facts);
  if (missing.length) args.push('-a', '-G', missing.join(','));
  return command('usermod', ...args, '--', op.name);
}

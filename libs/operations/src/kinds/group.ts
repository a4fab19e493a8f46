import { command } from '@provisioning/sdk';
import type { GroupOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { OperationHandler } from '../lib/handler';
import { getentScript, noBusyboxTool, shadowOrBusybox } from './accounts';

export interface GroupFacts {
  exists: boolean;
  gid?: number;
  members: string[];
}

export const groupHandler: OperationHandler<GroupOperation, GroupFacts> = {
  kind: 'group',
  factsScript: (op) => getentScript('group', op.name, 'group'),

  parseFacts(text) {
    const entry = new FactLines(text).get('group') ?? '';
    if (!entry) return { exists: false, members: [] };
    const [, , gid, members] = entry.split(':');
    return { exists: true, gid: Number(gid), members: (members ?? '').split(',').filter(Boolean) };
  },

  diff(op, facts) {
    if (op.state === 'absent') {
      return facts.exists
        ? { changed: true, summary: `remove group ${op.name}` }
        : { changed: false, summary: `group ${op.name} is absent` };
    }
    if (!facts.exists)
      return {
        changed: true,
        summary: `create group ${op.name}${op.gid !== undefined ? ` (gid ${op.gid})` : ''}`,
      };
    if (op.gid !== undefined && op.gid !== facts.gid)
      return { changed: true, summary: `update group ${op.name}: gid ${facts.gid} -> ${op.gid}` };
    return { changed: false, summary: `group ${op.name} is up to date` };
  },

  changeScript(op, facts) {
    if (op.state === 'absent')
      return shadowOrBusybox(
        'groupdel',
        command('groupdel', '--', op.name),
        command('delgroup', '--', op.name),
      );
    const gid = op.gid === undefined ? [] : ['-g', String(op.gid)];
    if (!facts.exists) {
      return shadowOrBusybox(
        'groupadd',
        command('groupadd', ...(op.system ? ['-r'] : []), ...gid, '--', op.name),
        command('addgroup', ...(op.system ? ['-S'] : []), ...gid, '--', op.name),
      );
    }
    return shadowOrBusybox(
      'groupmod',
      command('groupmod', ...gid, op.name),
      noBusyboxTool(`changing group ${op.name}`),
    );
  },

  paths: () => [],
};

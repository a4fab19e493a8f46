import { quote } from '@provisioning/sdk';
import type { AbsentOperation } from '@provisioning/sdk';
import type { OperationHandler } from '../lib/handler';
import { parsePathFacts, pathFactsScript } from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';

export const absentHandler: OperationHandler<AbsentOperation, PathFacts> = {
  kind: 'absent',
  inlineFacts: true,
  factsScript: (op) => pathFactsScript(op.path),
  parseFacts: (text) => parsePathFacts(text),

  diff(op, facts) {
    if (facts.type === 'none') return { changed: false, summary: `${op.path} is absent` };
    return {
      changed: true,
      summary: `remove ${facts.type} ${op.path}${facts.type === 'directory' && op.recursive ? ' and everything in it' : ''}`,
    };
  },

  changeScript(op, facts) {
    const p = quote(op.path);
    if (facts.type !== 'directory') return `rm -f -- ${p}`;
    if (op.recursive) return `rm -rf -- ${p}`;
    return `rmdir -- ${p} || { echo ${quote(`${op.path} is a non-empty directory; set recursive: true to remove its contents`)} >&2; exit 1; }`;
  },
  paths: (op) => [op.path],
};

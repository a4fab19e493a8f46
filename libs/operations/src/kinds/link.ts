import { quote } from '@provisioning/sdk';
import type { LinkOperation } from '@provisioning/sdk';
import type { OperationHandler } from '../lib/handler';
import { parsePathFacts, pathFactsScript } from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';

export const linkHandler: OperationHandler<LinkOperation, PathFacts> = {
  kind: 'link',
  inlineFacts: true,
  factsScript: (op) => pathFactsScript(op.path),
  parseFacts: (text) => parsePathFacts(text),

  diff(op, facts) {
    if (facts.type === 'link' && facts.target === op.target)
      return { changed: false, summary: `${op.path} -> ${op.target}` };
    if (facts.type === 'link')
      return { changed: true, summary: `relink ${op.path}: ${facts.target} -> ${op.target}` };
    if (facts.type === 'none') return { changed: true, summary: `link ${op.path} -> ${op.target}` };
    // A real file or directory in the way is data; refuse rather than delete it silently.
    return {
      changed: true,
      summary: `${op.path} is a ${facts.type}`,
      problem: `${op.path} exists as a ${facts.type}; remove it first (absent) to link it`,
    };
  },

  // A link is replaced by renaming a new one over it, so the path never disappears.
  changeScript: (op) =>
    [
      `t=${quote(`${op.path}.provisioning-tmp`)}`,
      'rm -f -- "$t"',
      `ln -s -- ${quote(op.target)} "$t"`,
      `mv -f -- "$t" ${quote(op.path)}`,
    ].join('\n'),
  paths: (op) => [op.path],
};

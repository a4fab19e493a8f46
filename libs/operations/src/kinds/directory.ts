import { quote } from '@provisioning/sdk';
import type { DirectoryOperation } from '@provisioning/sdk';
import type { OperationHandler } from '../lib/handler';
import {
  attributeChanges,
  attributesScript,
  directoryStateOf,
  directoryStateScript,
  parsePathFacts,
  pathFactsScript,
} from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';

export const directoryHandler: OperationHandler<DirectoryOperation, PathFacts> = {
  kind: 'directory',
  inlineFacts: true,
  factsScript: (op) => pathFactsScript(op.path),
  parseFacts: (text) => parsePathFacts(text),

  diff(op, facts) {
    if (facts.type === 'none') return { changed: true, summary: `create directory ${op.path}` };
    if (facts.type !== 'directory') {
      return {
        changed: true,
        summary: `${op.path} is a ${facts.type}`,
        problem: `${op.path} exists as a ${facts.type}; remove it first (absent)`,
      };
    }
    const changes = attributeChanges(op, facts);
    return changes.length
      ? { changed: true, summary: `update directory ${op.path}: ${changes.join(', ')}` }
      : { changed: false, summary: `${op.path} is up to date` };
  },

  changeScript: (op) =>
    [`mkdir -p -- ${quote(op.path)}`, ...attributesScript(op.path, op).split('\n')]
      .filter(Boolean)
      .join(' &&\n'),
  inlineChange: true,
  paths: (op) => [op.path],

  stateProbe: { script: (op) => directoryStateScript(op.path), of: (_op, facts) => directoryStateOf(facts) },
};

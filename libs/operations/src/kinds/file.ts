import { isAbsolute, resolve } from 'node:path';
import type { FileOperation } from '@provisioning/sdk';
import { atomicWriteScript } from '../lib/atomic-write';
import type { Change, OperationHandler, PrepareContext } from '../lib/handler';
import { readLocal } from './template';
import {
  attributeChanges,
  parsePathFacts,
  pathFactsScript,
  pathStateOf,
  pathStateScript,
} from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';
import { describeContentChange, sha256 } from './content-change';

/** Reads a local `source` into `content`, so what is planned is exactly what will be written. */
export async function resolveFileSource(op: FileOperation, context: PrepareContext): Promise<FileOperation> {
  if (op.content !== undefined) return op;
  const path = isAbsolute(op.source as string)
    ? (op.source as string)
    : resolve(context.baseDir, op.source as string);
  const { source: _source, ...rest } = op;
  return { ...rest, content: await readLocal(op.id, path) };
}

/** A whole file: content from the operation or from a local `source` file, written atomically. */
export const fileHandler: OperationHandler<FileOperation, PathFacts> = {
  kind: 'file',

  inlineFacts: true,
  // A file that already holds the wanted content comes back as its hash: there is no diff to show.
  factsScript: (op) =>
    pathFactsScript(op.path, { content: !op.sensitive, unlessSha256: sha256(op.content ?? '') }),
  parseFacts: (text) => parsePathFacts(text),

  diff(op, facts): Change {
    const content = op.content ?? '';
    if (facts.type === 'directory' || facts.type === 'other') {
      return {
        changed: true,
        summary: `${op.path} is a ${facts.type}`,
        problem: `${op.path} exists and is a ${facts.type}, not a file; remove it first (absent with recursive)`,
      };
    }
    return describeContentChange(op, content, facts, attributeChanges(op, facts));
  },

  changeScript: (op, facts) =>
    atomicWriteScript({
      path: op.path,
      content: op.content ?? '',
      mode: op.mode ?? (facts.type === 'file' ? facts.mode : undefined) ?? '0644',
      owner: op.owner,
      group: op.group,
      preserveOwner: facts.type === 'file' ? facts : undefined,
    }),

  inlineChange: true,

  paths: (op) => [op.path],

  stateProbe: { script: (op) => pathStateScript(op.path), of: (_op, facts) => pathStateOf(facts) },
};

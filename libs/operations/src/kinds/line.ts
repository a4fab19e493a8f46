import { quote } from '@provisioning/sdk';
import type { LineOperation } from '@provisioning/sdk';
import { atomicWriteScript } from '../lib/atomic-write';
import type { Change, OperationHandler } from '../lib/handler';
import { parsePathFacts, pathFactsScript } from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';
import { describeContentChange, sha256 } from './content-change';

/**
 * One line in a file. The new content is computed here from the file read during facts, and the
 * write refuses to run if the file changed since (so a concurrent edit is never overwritten).
 */
export const lineHandler: OperationHandler<LineOperation, PathFacts> = {
  kind: 'line',
  inlineFacts: true,
  factsScript: (op) => pathFactsScript(op.path, { content: true }),
  parseFacts: (text) => parsePathFacts(text),

  diff(op, facts): Change {
    if (facts.type === 'none') {
      if (op.state === 'absent')
        return { changed: false, summary: `${op.path} does not exist; nothing to remove` };
      if (!op.create)
        return {
          changed: true,
          summary: `${op.path} missing`,
          problem: `${op.path} does not exist and create is false`,
        };
    } else if (facts.type !== 'file') {
      return {
        changed: true,
        summary: `${op.path} is a ${facts.type}`,
        problem: `${op.path} is a ${facts.type}, not a regular file`,
      };
    } else if (facts.content === undefined) {
      return {
        changed: true,
        summary: `${op.path} too large`,
        problem: `${op.path} is larger than the line operation reads; manage it as a file`,
      };
    }
    const before = facts.content ?? '';
    const after = editLines(op, before);
    if (after === before)
      return {
        changed: false,
        summary: `${op.path}: line already ${op.state === 'present' ? 'present' : 'absent'}`,
      };
    return describeContentChange(op, after, facts, []);
  },

  changeScript: (op, facts, context) =>
    atomicWriteScript({
      path: op.path,
      content: editLines(op, facts.content ?? ''),
      mode: facts.mode ?? '0644',
      preserveOwner: facts,
      // A chain that has just read the file's state and found these facts need not hash it again.
      ...(context.stateVerified
        ? {}
        : {
            expectSha256:
              facts.type === 'file' ? (facts.sha256 ?? sha256(facts.content ?? '')) : ('absent' as const),
          }),
    }),

  inlineChange: true,

  paths: (op) => [op.path],

  stateProbe: {
    script: (op) => {
      const p = quote(op.path);
      return `if [ -f ${p} ] && [ ! -L ${p} ]; then p=$(sha256sum < ${p}); elif [ -e ${p} ] || [ -L ${p} ]; then p=other; else p=none; fi`;
    },
    of: (_op, facts) =>
      facts.type === 'file'
        ? `${facts.sha256 ?? sha256(facts.content ?? '')}  -`
        : facts.type === 'none'
          ? 'none'
          : 'other',
  },

  factsAfterChange(op, facts) {
    const content = editLines(op, facts.content ?? '');
    return {
      ...facts,
      type: 'file',
      mode: facts.mode ?? '0644',
      content,
      sha256: sha256(content),
      size: Buffer.byteLength(content),
    };
  },
};

/** Present: replace the last line the regex matches, else keep an identical line, else append. Absent: drop matches. */
export function editLines(op: LineOperation, text: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const regex = op.regex === undefined ? undefined : new RegExp(op.regex);
  const matches = (candidate: string) => (regex ? regex.test(candidate) : candidate === op.line);
  if (op.state === 'absent') {
    const kept = lines.filter((candidate) => !matches(candidate));
    return kept.length === lines.length ? text : join(kept);
  }
  const wanted = op.line as string;
  const last = regex ? lines.map((candidate) => regex.test(candidate)).lastIndexOf(true) : -1;
  if (last >= 0) {
    if (lines[last] === wanted) return text;
    lines[last] = wanted;
    return join(lines);
  }
  if (lines.includes(wanted)) return text;
  return join([...lines, wanted]);
}

const join = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

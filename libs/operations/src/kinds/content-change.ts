import { createHash } from 'node:crypto';
import type { Change } from '../lib/handler';
import type { PathFacts } from '../lib/path-facts';
import { lineCount, unifiedDiff } from '../lib/unified-diff';

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A NUL byte is how diff(1) and git tell binary content too. */
const isBinary = (text: string) => text.includes('\0');

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The change for an operation that owns a whole file's content (file, template, line). */
export function describeContentChange(
  op: { path: string; sensitive?: boolean },
  content: string,
  facts: PathFacts,
  attributeChanges: string[],
): Change {
  if (facts.type !== 'file') {
    const replaces = facts.type === 'link' ? ' (replacing a symlink)' : '';
    const size = isBinary(content)
      ? `${Buffer.byteLength(content)} bytes, binary`
      : plural(lineCount(content), 'line');
    return {
      changed: true,
      summary: `create ${op.path} (${size})${replaces}`,
      diff: op.sensitive || isBinary(content) ? undefined : unifiedDiff('', content, op.path),
    };
  }
  const contentChanged = facts.sha256 !== sha256(content);
  if (!contentChanged && attributeChanges.length === 0)
    return { changed: false, summary: `${op.path} is up to date` };
  const parts = [...(contentChanged ? ['content'] : []), ...attributeChanges];
  const binary = isBinary(content) || isBinary(facts.content ?? '');
  const showable = contentChanged && !op.sensitive && !binary && facts.content !== undefined;
  const note = !contentChanged
    ? ''
    : op.sensitive
      ? ' (sensitive content not shown)'
      : binary
        ? ' (binary content)'
        : !showable
          ? ' (file too large to diff)'
          : '';
  return {
    changed: true,
    summary: `update ${op.path}: ${parts.join(', ')}${note}`,
    diff: showable ? unifiedDiff(facts.content as string, content, op.path) : undefined,
  };
}

import { structuredPatch } from 'diff';

const range = (from: number, count: number) => (count === 1 ? `${from}` : `${from},${count}`);

/**
 * A unified diff (as `diff -u` prints it, headers naming `path`) of two texts, computed by jsdiff
 * (the `diff` package). Returns '' when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context });
  const hunks = patch.hunks.map((hunk) => {
    // Like diff -u, an empty side starts at the line before (0 for an empty file).
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    return `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@\n${hunk.lines.join('\n')}`;
  });
  return `--- ${path}\n+++ ${path}\n${hunks.join('\n')}\n`;
}

import { structuredPatch } from 'diff';

const range = (from: number, count: number) => (count === 1 ? `${from}` : `${from},${count}`);

/**
 * A unified diff (as `diff -u` prints it, headers naming `path`) of two texts, computed by jsdiff
 * (the `diff` package). Returns '' when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  // A new or emptied file is one hunk of every line: written directly, since jsdiff's line diff
  // costs far more than the text (it was a tenth of the controller's CPU at 16 hosts x 200 tasks).
  if (before === '')
    return `--- ${path}\n+++ ${path}\n@@ -0,0 +${range(1, lineCount(after))} @@\n${signed('+', after)}\n`;
  if (after === '')
    return `--- ${path}\n+++ ${path}\n@@ -${range(1, lineCount(before))} +0,0 @@\n${signed('-', before)}\n`;
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context });
  const hunks = patch.hunks.map((hunk) => {
    // Like diff -u, an empty side starts at the line before (0 for an empty file).
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    return `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@\n${hunk.lines.join('\n')}`;
  });
  return `--- ${path}\n+++ ${path}\n${hunks.join('\n')}\n`;
}

const NO_NEWLINE = '\\ No newline at end of file';

/** Lines of a text as diff counts them: a last line without its newline counts, an empty text has none. */
export const lineCount = (text: string): number =>
  text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Every line of a non-empty text with `sign` before it, and diff's note when the last has no newline. */
function signed(sign: string, text: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = `${sign}${body.split('\n').join(`\n${sign}`)}`;
  return text.endsWith('\n') ? lines : `${lines}\n${NO_NEWLINE}`;
}

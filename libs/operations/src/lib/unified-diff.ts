/**
 * A unified diff (as `diff -u` prints it) of two texts, computed with Myers' O(ND) algorithm so
 * large config files with small edits stay cheap. Returns '' when the texts are equal.
 */
type Edit = { type: ' ' | '-' | '+'; text: string };

export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = myers(a, b);
  const hunks = toHunks(edits, context);
  return `--- ${path}\n+++ ${path}\n${hunks.join('\n')}\n`;
}

// A last line without its newline differs from the same line with one, as in `diff -u`.
const NO_EOL = '\u0000';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

const range = (from: number, count: number) => (count === 1 ? `${from}` : `${from},${count}`);

function printLine(edit: Edit): string {
  return edit.text.endsWith(NO_EOL) ? `${edit.type}${edit.text.slice(0, -1)}\n\\ No newline at end of file` : edit.type + edit.text;
}

function myers(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
    v = v.slice();
  }
  // Walk the trace backwards to recover the edit script.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ type: ' ', text: a[x] });
    }
    if (d > 0) {
      if (x === prevX) edits.push({ type: '+', text: b[--y] });
      else edits.push({ type: '-', text: a[--x] });
    }
  }
  return edits.reverse();
}

function toHunks(edits: Edit[], context: number): string[] {
  const hunks: string[] = [];
  let i = 0;
  let lineA = 1;
  let lineB = 1;
  const positions = edits.map((edit) => {
    const at = { a: lineA, b: lineB };
    if (edit.type !== '+') lineA++;
    if (edit.type !== '-') lineB++;
    return at;
  });
  while (i < edits.length) {
    if (edits[i].type === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < edits.length && edits[end].type !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next].type === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const slice = edits.slice(start, end);
    const countA = slice.filter((edit) => edit.type !== '+').length;
    const countB = slice.filter((edit) => edit.type !== '-').length;
    const fromA = countA === 0 ? positions[start].a - 1 : positions[start].a;
    const fromB = countB === 0 ? positions[start].b - 1 : positions[start].b;
    hunks.push(`@@ -${range(fromA, countA)} +${range(fromB, countB)} @@\n` + slice.map(printLine).join('\n'));
    i = end;
    start = end;
  }
  return hunks;
}

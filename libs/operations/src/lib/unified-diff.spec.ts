import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from './unified-diff';

/** The reference: GNU diff -u on the same two texts, headers normalised to our path. */
function gnuDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'udiff-'));
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  try {
    execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
    return '';
  } catch (error) {
    const out = (error as { stdout: string }).stdout;
    return out.replace(/^--- .*\n\+\+\+ .*\n/, '--- /etc/x\n+++ /etc/x\n');
  }
}

const numbered = (count: number) =>
  Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', '/etc/x')).toBe('');
  });

  it.each([
    [
      'a change in the middle of a long file',
      numbered(40),
      numbered(40).replace('line 20\n', 'line twenty\n'),
    ],
    [
      'two changes far apart (two hunks)',
      numbered(40),
      numbered(40).replace('line 3\n', 'x\n').replace('line 35\n', ''),
    ],
    [
      'two changes close together (one hunk)',
      numbered(40),
      numbered(40).replace('line 10\n', 'x\n').replace('line 14\n', 'y\n'),
    ],
    ['a new file', '', 'port 6379\nbind 0.0.0.0\n'],
    ['a new file of one line', '', 'x\n'],
    ['a new file without a final newline', '', 'a\nb'],
    ['a new file of empty lines', '', '\n\n'],
    ['a new file with CRLF line ends', '', 'a\r\nb\r\n'],
    ['an emptied file', 'a\nb\n', ''],
    ['an emptied file of one line without a final newline', 'x', ''],
    ['a missing final newline added', 'a\nb', 'a\nb\n'],
    ['appended lines', 'a\n', 'a\nb\nc\n'],
    ['completely different texts', 'a\nb\nc\n', 'x\ny\n'],
  ])('matches GNU diff -u for %s', (_case, before, after) => {
    expect(unifiedDiff(before, after, '/etc/x')).toBe(gnuDiff(before, after));
  });
});

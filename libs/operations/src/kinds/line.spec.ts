import { line } from '@provisioning/sdk';
import { editLines } from './line';

describe('editLines', () => {
  it.each([
    ['appends a missing line', { line: 'b' }, 'a\n', 'a\nb\n'],
    ['keeps an identical line', { line: 'a' }, 'a\nb\n', 'a\nb\n'],
    ['adds a final newline when appending to a file without one', { line: 'b' }, 'a', 'a\nb\n'],
    ['creates content for an empty file', { line: 'a' }, '', 'a\n'],
    [
      'replaces the last line the regex matches',
      { regex: '^port ', line: 'port 2' },
      'port 0\nx\nport 1\n',
      'port 0\nx\nport 2\n',
    ],
    ['appends when the regex matches nothing', { regex: '^port ', line: 'port 2' }, 'x\n', 'x\nport 2\n'],
    ['removes every line the regex matches', { regex: '^#', state: 'absent' as const }, '#a\nb\n#c\n', 'b\n'],
    ['removes an exact line', { line: 'b', state: 'absent' as const }, 'a\nb\n', 'a\n'],
    ['leaves the text alone when nothing is to remove', { line: 'z', state: 'absent' as const }, 'a', 'a'],
  ])('%s', (_case, input, before, after) => {
    expect(editLines(line({ path: '/f', ...input }), before)).toBe(after);
  });
});

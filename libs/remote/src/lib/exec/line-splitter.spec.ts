import { LineSplitter } from './line-splitter';

describe('LineSplitter', () => {
  it('emits whole lines across chunk boundaries, including a multi-byte character split in two', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('first\nsé', 'utf8');
    splitter.push(bytes.subarray(0, bytes.length - 1));
    splitter.push(Buffer.concat([bytes.subarray(bytes.length - 1), Buffer.from('cond\nlast')]));
    splitter.flush();
    expect(lines).toEqual(['first', 'sécond', 'last']);
  });
});

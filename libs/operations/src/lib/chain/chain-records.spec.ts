import { ChainRecordReader, newNonce, operationStderr } from './chain-records';

describe('chain records', () => {
  it('reads records as output arrives, across chunk boundaries', () => {
    const nonce = newNonce();
    const seen: string[] = [];
    const reader = new ChainRecordReader(nonce, (record) =>
      seen.push(`${record.index}:${record.event}:${record.detail}`),
    );
    reader.push(`${nonce} 0 start\n${nonce} 0 chan`);
    reader.push(`ged\n${nonce} 1 failed 3\n${nonce} -1 e`);
    reader.push('nd'); // the last line without its newline still counts
    expect(reader.finish('', true).map((record) => record.event)).toEqual([
      'start',
      'changed',
      'failed',
      'end',
    ]);
    expect(seen).toEqual(['0:start:', '0:changed:', '1:failed:3', '-1:end:']);
  });

  it("ignores lines with another nonce or an unknown event, so nothing without this run's nonce counts", () => {
    const nonce = newNonce();
    const reader = new ChainRecordReader(nonce);
    const stdout = [
      `${newNonce()} 0 changed`,
      `${nonce} 0 exploded`,
      `${nonce} x changed`,
      `${nonce} 2 unchanged 10`,
    ].join('\n');
    expect(reader.finish(stdout, false)).toEqual([{ index: 2, event: 'unchanged', detail: '10' }]);
  });

  it("tells one operation's stderr from the others'", () => {
    const nonce = newNonce();
    const stderr = `\n${nonce} op 0\none\n\n${nonce} op 1\ntwo\nlines\n\n${nonce} op 2\nthree\n`;
    expect(operationStderr(stderr, nonce, 1)).toBe('two\nlines\n');
    expect(operationStderr(stderr, nonce, 2)).toBe('three\n');
    expect(operationStderr(stderr, nonce, 5)).toBe('');
  });
});

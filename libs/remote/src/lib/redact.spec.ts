import { Redactor } from './redact';

describe('Redactor', () => {
  it('masks every occurrence of every secret', () => {
    expect(new Redactor(['hunter2', 's3cr3t']).redact('pw=hunter2 token=s3cr3t again hunter2')).toBe('pw=*** token=*** again ***');
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    expect(new Redactor(['abc', 'abcdef']).redact('x abcdef y')).toBe('x *** y');
  });

  it('ignores secrets shorter than three characters instead of mangling every line', () => {
    expect(new Redactor(['a', '']).redact('a banana')).toBe('a banana');
  });

  it('adds per-command secrets without changing the original', () => {
    const base = new Redactor(['base-secret']);
    expect(base.with(['extra-secret']).redact('base-secret extra-secret')).toBe('*** ***');
    expect(base.redact('extra-secret')).toBe('extra-secret');
  });
});

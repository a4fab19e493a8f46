import { redact, REDACTED } from './redact';

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('token=abc; again abc; pw=hunter2', ['abc', 'hunter2'])).toBe(`token=${REDACTED}; again ${REDACTED}; pw=${REDACTED}`);
  });

  it('masks a longer secret whole even when a shorter secret is part of it', () => {
    expect(redact('key=abcdef', ['abc', 'abcdef'])).toBe(`key=${REDACTED}`);
  });

  it('ignores empty secrets instead of masking between every character', () => {
    expect(redact('plain', [''])).toBe('plain');
  });
});

import { redact, REDACTED, Redactor } from './redact';

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('token=abc; again abc; pw=hunter2', ['abc', 'hunter2'])).toBe(`token=${REDACTED}; again ${REDACTED}; pw=${REDACTED}`);
  });

  it('masks a longer secret whole even when a shorter secret is part of it', () => {
    expect(redact('key=abcdef', ['abc', 'abcdef'])).toBe(`key=${REDACTED}`);
  });

  it('ignores empty and one- or two-character values instead of masking them everywhere', () => {
    expect(redact('plain a bc', ['', 'a', 'bc'])).toBe('plain a bc');
  });

  it('masks text that looks like a regular expression literally', () => {
    expect(redact('pw=a.b*c(d) and axbbc', ['a.b*c(d)'])).toBe(`pw=${REDACTED} and axbbc`);
  });
});

describe('Redactor', () => {
  it('adds one command’s secrets on top of the run’s without changing the run’s redactor', () => {
    const run = new Redactor(['run-secret']);
    const command = run.with(['cmd-secret']);
    expect(command.redact('run-secret cmd-secret')).toBe(`${REDACTED} ${REDACTED}`);
    expect(run.redact('run-secret cmd-secret')).toBe(`${REDACTED} cmd-secret`);
  });
});

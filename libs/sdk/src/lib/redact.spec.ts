import { redact, REDACTED, Redactor } from './redact';

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('token=abc; again abc; pw=hunter2', ['abc', 'hunter2'])).toBe(
      `token=${REDACTED}; again ${REDACTED}; pw=${REDACTED}`,
    );
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

describe('Redactor on encoded forms of a secret', () => {
  const secret = 'p@ss w/rd:+1';
  const redactor = new Redactor([secret]);

  it('masks the URL-encoded form (encodeURIComponent, form encoding and lower-case escapes)', () => {
    const encoded = encodeURIComponent(secret);
    expect(redactor.redact(`postgres://app:${encoded}@db/app`)).toBe(`postgres://app:${REDACTED}@db/app`);
    expect(redactor.redact(`pw=${encoded.replace(/%20/g, '+')}`)).toBe(`pw=${REDACTED}`);
    expect(redactor.redact(`pw=${encoded.toLowerCase()}`)).toBe(`pw=${REDACTED}`);
  });

  it('masks the JSON-escaped form of a secret holding quotes and backslashes', () => {
    const quoted = 'a"b\\c\nd';
    expect(new Redactor([quoted]).redact(JSON.stringify({ pw: quoted }))).toBe(`{"pw":"${REDACTED}"}`);
  });

  it('masks the base64 and base64url forms of the secret alone', () => {
    const b64 = Buffer.from(secret).toString('base64');
    expect(redactor.redact(`token ${b64}`)).not.toContain(b64.replace(/=+$/, ''));
    expect(redactor.redact(`token ${Buffer.from(secret).toString('base64url')}`)).toBe(`token ${REDACTED}`);
  });

  it.each([0, 1, 2])(
    'masks the secret inside a larger base64 blob whatever its byte offset (%i mod 3)',
    (prefixLength) => {
      const blob = Buffer.from(`${'u'.repeat(prefixLength + 3)}${secret}tail`).toString('base64');
      const redacted = redactor.redact(`Authorization: Basic ${blob}`);
      expect(redacted).toContain(REDACTED);
      // nothing that decodes back to the secret is left
      const remainder = redacted
        .replace(/^Authorization: Basic /, '')
        .split(REDACTED)
        .join('');
      expect(Buffer.from(remainder, 'base64').toString('latin1')).not.toContain(secret);
    },
  );

  it('does not mask short base64 fragments of a short secret inside unrelated text', () => {
    expect(new Redactor(['abc']).redact('a plain sentence with no secret')).toBe(
      'a plain sentence with no secret',
    );
  });
});

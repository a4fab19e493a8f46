import { inspect } from 'node:util';
import { collectSecrets, createRedactor } from './redactor';
import { Secret } from './secret';

describe('Secret', () => {
  const secret = new Secret('hunter22', 'secret.DB_PASSWORD');

  it('shows as *** in strings, template literals, JSON and util.inspect', () => {
    expect(String(secret)).toBe('***');
    expect(`password=${secret}`).toBe('password=***');
    expect(JSON.stringify({ password: secret })).toBe('{"password":"***"}');
    expect(inspect({ password: secret })).toBe("{ password: *** }");
  });

  it('gives its value only through reveal()', () => {
    expect(secret.reveal()).toBe('hunter22');
  });
});

describe('createRedactor', () => {
  it('masks every occurrence of every secret, longest first', () => {
    const redact = createRedactor([new Secret('hunter22'), 'hunter22-admin', 'tok']);
    expect(redact('login hunter22-admin then hunter22 with tok')).toBe('login *** then *** with ***');
  });

  it('leaves text alone when there are no secrets, and ignores values too short to matter', () => {
    expect(createRedactor([])('nothing to hide')).toBe('nothing to hide');
    expect(createRedactor(['a'])('a cat')).toBe('a cat');
  });

  it('finds the secrets nested inside a value so a run can build its redactor', () => {
    const a = new Secret('one-secret');
    const b = new Secret('two-secret');
    expect(collectSecrets({ x: [a, { y: b }], z: 'plain' })).toEqual([a, b]);
  });
});

import { inspect } from 'node:util';
import { interpolateString } from '../interpolation/interpolate';
import { Redactor } from '@provisioning/sdk';
import { collectSecrets, secretValues } from './collect-secrets';
import { Secret } from './secret';
import { createSecretStore } from './secrets-store';

describe('Secret', () => {
  const secret = new Secret('hunter22', 'secret.DB_PASSWORD');

  it('shows as *** in strings, template literals, JSON and util.inspect', () => {
    expect(String(secret)).toBe('***');
    expect(`password=${secret}`).toBe('password=***');
    expect(JSON.stringify({ password: secret })).toBe('{"password":"***"}');
    expect(inspect({ password: secret })).toBe('{ password: *** }');
  });

  it('gives its value only through reveal()', () => {
    expect(secret.reveal()).toBe('hunter22');
  });
});

describe('secretValues with the sdk Redactor', () => {
  it('masks every occurrence of every secret, longest first', () => {
    const redactor = new Redactor(secretValues([new Secret('hunter22'), 'hunter22-admin', 'tok']));
    expect(redactor.redact('login hunter22-admin then hunter22 with tok')).toBe(
      'login *** then *** with ***',
    );
  });

  it('leaves text alone when there are no secrets, and ignores values too short to matter', () => {
    expect(new Redactor(secretValues([])).redact('nothing to hide')).toBe('nothing to hide');
    expect(new Redactor(secretValues(['a'])).redact('a cat')).toBe('a cat');
  });

  it('finds the secrets nested inside a value so a run can build its redactor', () => {
    const a = new Secret('one-secret');
    const b = new Secret('two-secret');
    expect(collectSecrets({ x: [a, { y: b }], z: 'plain' })).toEqual([a, b]);
  });
});

describe('a string that embeds secrets', () => {
  it('masks the embedded secret on its own as well as the whole string (keyed on values, not references)', () => {
    const ctx = {
      env: {},
      workspace: { name: 'w' },
      secrets: createSecretStore({ env: { PROVISIONING_SECRET_S: 'value-1234' }, files: [] }),
    };
    const x = interpolateString('x-{{secret.S}}', ctx);
    const y = interpolateString('y-{{secret.S}}', ctx);
    const redactor = new Redactor(secretValues(collectSecrets([x, y])));
    expect(redactor.redact('x-value-1234 y-value-1234 value-1234')).toBe('*** *** ***');
  });
});

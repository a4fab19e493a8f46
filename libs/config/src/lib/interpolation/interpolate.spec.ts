import { InterpolationError } from '../errors';
import { Secret } from '../secrets/secret';
import type { SecretStore } from '../secrets/secrets-store';
import {
  expandPublicReferences,
  interpolateString,
  interpolateValue,
  type InterpolationContext,
} from './interpolate';

const secrets: SecretStore = {
  sources: ['test'],
  get: (name) => (name === 'DB_PASSWORD' ? new Secret('hunter22', `secret.${name}`) : undefined),
};
const ctx: InterpolationContext = {
  env: { REGION: 'eu-1' },
  workspace: { name: 'acme' },
  infra: { name: 'prod' },
  secrets,
};

describe('interpolateString', () => {
  it('replaces env, workspace and infra references', () => {
    expect(interpolateString('{{workspace.name}}-{{ infra.name }}-{{env.REGION}}', ctx)).toBe(
      'acme-prod-eu-1',
    );
  });

  it('turns a string that contains a secret into a Secret as a whole', () => {
    const value = interpolateString('postgres://app:{{secret.DB_PASSWORD}}@db/app', ctx);
    expect(value).toBeInstanceOf(Secret);
    expect(String(value)).toBe('***');
    expect((value as Secret).reveal()).toBe('postgres://app:hunter22@db/app');
  });

  it('explains an unset variable, an unknown secret and an unknown namespace', () => {
    expect(() => interpolateString('{{env.NOPE}}', ctx)).toThrow(
      new InterpolationError(
        '{{env.NOPE}}: the environment variable NOPE is not set; export it or remove the reference',
      ),
    );
    expect(() => interpolateString('{{secret.NOPE}}', ctx)).toThrow(
      '{{secret.NOPE}}: no secret named NOPE (looked in test)',
    );
    expect(() => interpolateString('{{vault.x}}', ctx)).toThrow(
      /is not a reference Provisioning understands/,
    );
  });

  it('leaves strings without references untouched', () => {
    expect(interpolateString('plain {text}', ctx)).toBe('plain {text}');
  });
});

describe('interpolateValue', () => {
  it('walks objects and lists and keeps non-strings', () => {
    expect(interpolateValue({ a: ['{{infra.name}}', 3], b: { c: true } }, ctx)).toEqual({
      a: ['prod', 3],
      b: { c: true },
    });
  });
});

describe('expandPublicReferences', () => {
  it('resolves env, workspace and infra references and leaves secrets and unresolvable ones as written', () => {
    expect(
      expandPublicReferences(
        {
          host: '{{infra.name}}.{{workspace.name}}.example.com',
          pass: '{{secret.DB_PASSWORD}}',
          x: ['{{env.NOPE}}', '{{env.REGION}}'],
        },
        ctx,
      ),
    ).toEqual({
      host: 'prod.acme.example.com',
      pass: '{{secret.DB_PASSWORD}}',
      x: ['{{env.NOPE}}', 'eu-1'],
    });
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { caddy } from './caddy';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('caddy manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, caddy.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: caddy.name,
      kind: 'taskserv',
      version: caddy.version,
      description: caddy.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';
import { digitalocean } from './index';

const manifest = readManifest(join(__dirname, '..'));

describe('provider digitalocean manifest.yaml', () => {
  it('carries the provider_options JSON Schema generated from the zod schema (regenerate it when options change)', () => {
    expect(manifestParamsDrift(manifest, digitalocean.options)).toBe('');
  });

  it('names the same provider and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: digitalocean.name,
      kind: 'provider',
      version: digitalocean.version,
      description: digitalocean.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

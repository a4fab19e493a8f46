import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';
import { hetzner } from './index';

const manifest = readManifest(join(__dirname, '..'));

describe('provider hetzner manifest.yaml', () => {
  it('carries the provider_options JSON Schema generated from the zod schema (regenerate it when options change)', () => {
    expect(manifestParamsDrift(manifest, hetzner.options)).toBe('');
  });

  it('names the same provider and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: hetzner.name,
      kind: 'provider',
      version: hetzner.version,
      description: hetzner.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

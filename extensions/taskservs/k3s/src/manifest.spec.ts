import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { k3s } from './k3s';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('k3s manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, k3s.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: k3s.name,
      kind: 'taskserv',
      version: k3s.version,
      description: k3s.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

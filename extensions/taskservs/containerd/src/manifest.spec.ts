import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { containerd } from './containerd';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('containerd manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, containerd.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: containerd.name,
      kind: 'taskserv',
      version: containerd.version,
      description: containerd.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

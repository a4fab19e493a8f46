import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { docker } from './docker';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('docker manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, docker.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: docker.name,
      kind: 'taskserv',
      version: docker.version,
      description: docker.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { nginx } from './nginx';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('nginx manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, nginx.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: nginx.name,
      kind: 'taskserv',
      version: nginx.version,
      description: nginx.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

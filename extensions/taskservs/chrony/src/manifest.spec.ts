import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { chrony } from './chrony';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('chrony manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, chrony.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: chrony.name,
      kind: 'taskserv',
      version: chrony.version,
      description: chrony.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

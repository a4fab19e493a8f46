import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { postgresql } from './postgresql';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('postgresql manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, postgresql.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: postgresql.name,
      kind: 'taskserv',
      version: postgresql.version,
      description: postgresql.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

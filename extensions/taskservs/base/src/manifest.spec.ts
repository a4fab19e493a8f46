import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { base } from './base';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('base manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, base.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: base.name,
      kind: 'taskserv',
      version: base.version,
      description: base.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

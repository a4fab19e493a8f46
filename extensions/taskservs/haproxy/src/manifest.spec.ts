import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { haproxy } from './haproxy';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('haproxy manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, haproxy.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: haproxy.name,
      kind: 'taskserv',
      version: haproxy.version,
      description: haproxy.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { redis } from './redis';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('redis manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, redis.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: redis.name,
      kind: 'taskserv',
      version: redis.version,
      description: redis.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { prometheus } from './prometheus';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('prometheus manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, prometheus.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: prometheus.name,
      kind: 'taskserv',
      version: prometheus.version,
      description: prometheus.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

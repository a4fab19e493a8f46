import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { etcd } from './etcd';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('etcd manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, etcd.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: etcd.name,
      kind: 'taskserv',
      version: etcd.version,
      description: etcd.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

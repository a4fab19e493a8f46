import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';
import { k3sCluster } from './index';

const manifest = readManifest(join(__dirname, '..'));

describe('cluster k3s-cluster manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, k3sCluster.params)).toBe('');
  });

  it('names the same cluster and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: k3sCluster.name,
      kind: 'cluster',
      version: k3sCluster.version,
      description: k3sCluster.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

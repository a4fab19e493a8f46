import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';
import { rpiNetwork } from './index';

const manifest = readManifest(join(__dirname, '..'));

describe('rpi-network manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, rpiNetwork.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: rpiNetwork.name,
      kind: 'taskserv',
      version: rpiNetwork.version,
      description: rpiNetwork.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

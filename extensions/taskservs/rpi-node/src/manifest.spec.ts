import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';
import { rpiNode } from './index';

const manifest = readManifest(join(__dirname, '..'));

describe('rpi-node manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, rpiNode.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: rpiNode.name,
      kind: 'taskserv',
      version: rpiNode.version,
      description: rpiNode.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

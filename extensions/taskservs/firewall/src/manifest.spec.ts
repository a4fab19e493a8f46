import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { firewall } from './firewall';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('firewall manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, firewall.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: firewall.name,
      kind: 'taskserv',
      version: firewall.version,
      description: firewall.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { unattendedUpgrades } from './unattended-upgrades';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('unattended-upgrades manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, unattendedUpgrades.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: unattendedUpgrades.name,
      kind: 'taskserv',
      version: unattendedUpgrades.version,
      description: unattendedUpgrades.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

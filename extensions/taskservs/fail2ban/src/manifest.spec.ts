import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { fail2ban } from './fail2ban';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('fail2ban manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, fail2ban.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: fail2ban.name,
      kind: 'taskserv',
      version: fail2ban.version,
      description: fail2ban.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

import { join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { nodeExporter } from './node-exporter';
import { manifestParamsDrift, readManifest } from '@provisioning/sdk/testing';

const manifest = readManifest(join(__dirname, '..'));

describe('node-exporter manifest.yaml', () => {
  it('carries the params JSON Schema generated from the zod schema (regenerate it when params change)', () => {
    expect(manifestParamsDrift(manifest, nodeExporter.params)).toBe('');
  });

  it('names the same task service and version as the definition, for the core this repo builds', () => {
    expect(manifest).toMatchObject({
      name: nodeExporter.name,
      kind: 'taskserv',
      version: nodeExporter.version,
      description: nodeExporter.description,
    });
    expect(manifest['core']).toBe(`^${CORE_VERSION}`);
  });
});

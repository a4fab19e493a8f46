import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { schemaModeline, writeJsonSchemas } from './json-schemas';

describe('writeJsonSchemas', () => {
  it('writes one JSON Schema per file kind into .provisioning/schemas', () => {
    const ws = createTempWorkspace({});
    const written = writeJsonSchemas(ws.root).map((p) => p.slice(ws.root.length + 1));
    expect(written).toEqual([
      '.provisioning/schemas/provisioning.schema.json',
      '.provisioning/schemas/infra.schema.json',
      '.provisioning/schemas/config.schema.json',
      '.provisioning/schemas/workflow.schema.json',
    ]);
    const infra = JSON.parse(readFileSync(join(ws.root, written[1]), 'utf8'));
    expect(infra.additionalProperties).toBe(false);
    expect(Object.keys(infra.properties)).toEqual(['servers', 'taskservs', 'clusters', 'settings']);
    expect(infra.properties.servers.items.properties.port).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 65535,
    });
    ws.cleanup();
  });
});

describe('schemaModeline', () => {
  it('points a file at its schema relative to where the file sits', () => {
    expect(schemaModeline('infra', 'infra/prod/servers.yaml')).toBe(
      '# yaml-language-server: $schema=../../.provisioning/schemas/infra.schema.json',
    );
    expect(schemaModeline('workspace', 'provisioning.yaml')).toBe(
      '# yaml-language-server: $schema=.provisioning/schemas/provisioning.schema.json',
    );
  });
});

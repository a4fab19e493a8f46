import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { jsonSchemaFor } from '@provisioning/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, localWorkspace, testEnv, writeFiles } from '../testing/mcp-test-workspace';

jest.setTimeout(60_000);

describe('resources: settings with their origins, and the JSON Schemas', () => {
  let root: string;
  let client: Client;
  let close: () => Promise<void>;
  const read = async (uri: string) => {
    const { contents } = await client.readResource({ uri });
    return JSON.parse((contents[0] as { text: string }).text) as Record<string, unknown>;
  };

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-resources-'));
    localWorkspace(root, join(root, 'motd.txt'));
    writeFiles(root, {
      'provisioning.yaml': 'name: mcp-test\ndefault_infra: main\nsettings:\n  run:\n    parallelism: 3\n',
    });
    ({ client, close } = await connectClient(root, { ...testEnv(root), PROVISIONING_RUN_TIMEOUT: '120' }));
  });
  afterEach(async () => {
    await close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the settings of the default infra and of each infra, and a schema per file kind', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([
      'provisioning://schemas/config.schema.json',
      'provisioning://schemas/infra.schema.json',
      'provisioning://schemas/provisioning.schema.json',
      'provisioning://schemas/workflow.schema.json',
      'provisioning://settings',
      'provisioning://settings/main',
    ]);
  });

  it('gives each setting with the layer and place that decided it', async () => {
    const body = await read('provisioning://settings');
    expect(body['infra']).toBe('main');
    expect(body['settings']).toMatchObject({ run: { parallelism: 3, timeout: 120 }, ssh: { port: 22 } });
    const origins = body['origins'] as Record<string, { layer: string; source?: string }>;
    expect(origins['run.parallelism']).toMatchObject({ layer: 'workspace' });
    expect(JSON.stringify(origins['run.parallelism'])).toContain('provisioning.yaml:5:');
    expect(origins['run.timeout']).toMatchObject({ layer: 'env' });
    expect(JSON.stringify(origins['run.timeout'])).toContain('$PROVISIONING_RUN_TIMEOUT');
    expect(origins['ssh.port']).toMatchObject({ layer: 'default' });
  });

  it('serves the same JSON Schema that validate --write-schemas writes', async () => {
    expect(await read('provisioning://schemas/workflow.schema.json')).toEqual(
      JSON.parse(JSON.stringify(jsonSchemaFor('workflow'))),
    );
  });
});

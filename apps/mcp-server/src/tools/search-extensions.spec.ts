import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { generateSigningKeyPair, privateKeyObject, publishToDirectory } from '@provisioning/extensions';
import { testTaskservTarball } from '@provisioning/extensions/testing';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callTool, connectClient, localWorkspace, testEnv, writeFiles } from '../testing/mcp-test-workspace';

interface Found {
  name: string;
  kind: string;
  description?: string;
  versions: Array<{ version: string; source: string; registry?: string; fitsCore: boolean }>;
}

jest.setTimeout(60_000);

/** search_extensions over a workspace with a real signed directory registry beside it. */
describe('search_extensions', () => {
  let sandbox: string;
  let root: string;
  let client: Client;
  let close: () => Promise<void>;

  beforeEach(async () => {
    sandbox = mkdtempSync(join(tmpdir(), 'mcp-search-'));
    root = join(sandbox, 'ws');
    mkdirSync(root);
    localWorkspace(root, join(sandbox, 'motd.txt'));
    const key = generateSigningKeyPair();
    const registry = join(sandbox, 'registry');
    mkdirSync(registry);
    const signer = privateKeyObject(key.privateKeyPem, 'test key');
    for (const version of ['1.0.0', '1.2.0'])
      await publishToDirectory(registry, testTaskservTarball({ name: 'web-cache', version }), signer);
    writeFiles(root, {
      'provisioning.yaml': `name: mcp-test\ndefault_infra: main\nregistries:\n  - name: team\n    url: ../registry\n    public_key: ${key.publicKey}\n`,
    });
    ({ client, close } = await connectClient(root, testEnv(root)));
  });
  afterEach(async () => {
    await close();
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('finds a built-in taskserv by a word of its description, as usable now', async () => {
    const { data } = await callTool(client, 'search_extensions', { query: 'message of the day' });
    expect(data['extensions']).toEqual([
      {
        name: 'motd',
        kind: 'taskserv',
        description: 'Writes the message of the day.',
        versions: [{ version: '1.0.0', source: 'builtin', fitsCore: true }],
      },
    ]);
  });

  it("finds what the workspace's registry offers, newest version first, and whether it fits this core", async () => {
    const { data } = await callTool(client, 'search_extensions', { query: 'cache' });
    const found = data['extensions'] as Found[];
    expect(found.map((f) => f.name)).toEqual(['web-cache']);
    expect(found[0].description).toBe('The web-cache test taskserv.');
    expect(found[0].versions).toEqual([
      { version: '1.2.0', source: 'registry', registry: 'team', fitsCore: true },
      { version: '1.0.0', source: 'registry', registry: 'team', fitsCore: true },
    ]);
    expect(data['registryProblem']).toBeUndefined();
  });

  it('still lists local extensions when a registry cannot be read, saying why', async () => {
    rmSync(join(sandbox, 'registry'), { recursive: true, force: true });
    const { data } = await callTool(client, 'search_extensions', {});
    expect((data['extensions'] as Found[]).map((f) => f.name)).toContain('motd');
    expect(data['registryProblem']).toMatch(/registry|index/i);
  });
});

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');

jest.setTimeout(120_000);

/** The real server process over stdio, driven by the SDK's own client as an assistant would. */
describe('provisioning-mcp over stdio', () => {
  let root: string;
  let client: Client;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mcp-stdio-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('provisioning.yaml', 'name: stdio-test\ndefault_infra: main\n');
    write('.gitignore', '.provisioning/\n');
    write('infra/main/servers.yaml', 'servers:\n  - { name: here, provider: local, port: "22a" }\n');
    client = new Client({ name: 'assistant', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['-r', '@swc-node/register', join(repo, 'apps/mcp-server/src/main.ts'), '--workspace', root],
        cwd: repo,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: root,
          XDG_CONFIG_HOME: join(root, 'xdg'),
          SWC_NODE_PROJECT: join(repo, 'tsconfig.base.json'),
        },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists its tools and returns file:line:col when validating a bad workspace', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'apply',
      'list_infras',
      'list_servers',
      'plan',
      'taskserv_status',
      'validate',
    ]);
    const result = await client.callTool({ name: 'validate', arguments: {} });
    const data = result.structuredContent as {
      ok: boolean;
      diagnostics: Array<{ location: string; path: string }>;
    };
    expect(data.ok).toBe(false);
    expect(data.diagnostics).toContainEqual(
      expect.objectContaining({ location: 'infra/main/servers.yaml:2:42', path: 'servers[0].port' }),
    );
  });

  it('refuses apply with a plan id it did not issue, as a tool error the assistant can read', async () => {
    const result = await client.callTool({
      name: 'apply',
      arguments: { planId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/call the plan tool and apply the id it returns/);
  });
});

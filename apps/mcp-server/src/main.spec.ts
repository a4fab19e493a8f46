import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
/** The built server and CLI (`nx run mcp-server:build`, `nx run cli:build`; this project's test target builds both first). */
const BUILT_SERVER = join(repo, 'dist', 'apps', 'mcp-server', 'main.js');
const BUILT_CLI = join(repo, 'dist', 'apps', 'cli', 'main.mjs');

jest.setTimeout(120_000);

/** The real, built server process over stdio, driven by the SDK's own client as an assistant would. */
describe('provisioning-mcp over stdio', () => {
  let root: string;
  const clients: Client[] = [];
  const env = () => ({
    PATH: process.env['PATH'] ?? '',
    HOME: root,
    XDG_CONFIG_HOME: join(root, 'xdg'),
  });

  async function connect(command: string, args: string[], extraEnv: Record<string, string> = {}) {
    const client = new Client({ name: 'assistant', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command, args, cwd: root, env: { ...env(), ...extraEnv }, stderr: 'pipe' }),
    );
    clients.push(client);
    return client;
  }

  beforeAll(() => {
    for (const [built, project] of [
      [BUILT_SERVER, 'mcp-server'],
      [BUILT_CLI, 'cli'],
    ])
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`nx run ${project}:build\` first`);
    root = mkdtempSync(join(tmpdir(), 'mcp-stdio-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('provisioning.yaml', 'name: stdio-test\ndefault_infra: main\n');
    write('.gitignore', '.provisioning/\n');
    write('infra/main/servers.yaml', 'servers:\n  - { name: here, provider: local, port: "22a" }\n');
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists its tools and returns file:line:col when validating a bad workspace', async () => {
    const client = await connect(process.execPath, [BUILT_SERVER, '--workspace', root]);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'apply',
      'list_infras',
      'list_servers',
      'plan',
      'search_extensions',
      'taskserv_status',
      'validate',
      'workflow_status',
      'workflow_submit',
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
    const client = await connect(process.execPath, [BUILT_SERVER], { PROVISIONING_WORKSPACE: root });
    const result = await client.callTool({
      name: 'apply',
      arguments: { planId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/call the plan tool and apply the id it returns/);
  });

  it('starts through the built `provisioning mcp`, which finds the server beside it and hands it stdin and stdout', async () => {
    const client = await connect(process.execPath, [BUILT_CLI, 'mcp']);
    const infras = await client.callTool({ name: 'list_infras', arguments: {} });
    expect(infras.isError).toBe(true);
    expect(JSON.stringify(infras.content)).toMatch(/servers\.yaml:2:42/);
    expect((await client.listResources()).resources.map((r) => r.uri)).toContain('provisioning://settings');
  });

  it('prints its options with their variables for --help, and exits 2 on an unknown option', () => {
    const help = spawnSync(process.execPath, [BUILT_SERVER, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--http <host:port>.*\n.*PROVISIONING_MCP_HTTP/s);
    const wrong = spawnSync(process.execPath, [BUILT_SERVER, '--htp', '1'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/unknown option '--htp'/);
  });
});

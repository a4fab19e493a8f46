import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

// The protocol itself is proven against the built server (apps/mcp-server/src/main.spec.ts, which
// also starts it through this command, and the e2e suite apps/e2e/src/mcp).
describe('provisioning mcp', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-mcp-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('teaches stdio and HTTP use in --help, with the variable of every flag', async () => {
    const help = await runCliForTest(['mcp', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    for (const text of [
      'provisioning mcp --workspace ~/infra',
      'provisioning mcp --http 8765',
      'PROVISIONING_MCP_HTTP',
      'PROVISIONING_MCP_ALLOWED_ORIGINS',
      'PROVISIONING_MCP_TOKEN_FILE',
      'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
    ])
      expect(help.stdout).toContain(text);
  });

  it('refuses to start outside a workspace, saying how to name one', async () => {
    const run = await runCliForTest(['mcp'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /no provisioning\.yaml in .* or any parent directory\nhint: .*--workspace DIR/,
    );
  });

  it('says how to build the server program when it is not beside the CLI', async () => {
    writeFileSync(join(dir, 'provisioning.yaml'), 'name: t\n');
    const run = await runCliForTest(['mcp'], { cwd: dir, env: { PROVISIONING_MCP_ENTRY: '' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error: the mcp-server program is not installed next to this CLI .*\nhint: build it with `nx run mcp-server:build`/,
    );
  });
});

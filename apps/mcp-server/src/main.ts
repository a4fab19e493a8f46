// `provisioning-mcp [--workspace DIR]`: the Model Context Protocol server over stdio. stdout carries
// the protocol only; anything for people goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { clusters, providers, taskservs } from '@provisioning/builtin-extensions';
import { locateWorkspace } from '@provisioning/engine';
import { createMcpServer } from './server/create-mcp-server';

function workspaceArg(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const at = argv.indexOf('--workspace');
  return at >= 0 && argv[at + 1] ? argv[at + 1] : (env['PROVISIONING_WORKSPACE'] ?? process.cwd());
}

async function main(): Promise<void> {
  const env = process.env;
  const workspace = locateWorkspace(workspaceArg(process.argv.slice(2), env));
  const server = createMcpServer({
    workspace,
    env,
    taskservs: new Map(taskservs.map((d) => [d.name, d])),
    providers: new Map(providers.map((d) => [d.name, d])),
    clusters: new Map(clusters.map((d) => [d.name, d])),
    acceptNewHostKeys: env['PROVISIONING_ACCEPT_NEW_HOST_KEYS'] === '1',
  });
  await server.connect(new StdioServerTransport());
  process.stderr.write(`provisioning MCP server ready over stdio (workspace ${workspace})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

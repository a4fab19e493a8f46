// `provisioning-mcp [--workspace DIR] [--http HOST:PORT]`: the Model Context Protocol server, over
// stdio (stdout carries the protocol only; anything for people goes to stderr) or, with --http,
// over Streamable HTTP behind the workspace's API token. `provisioning mcp` runs this program.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { clusters, providers, taskservs } from '@provisioning/builtin-extensions';
import { locateWorkspace, parseListen } from '@provisioning/engine';
import { Command, Option } from 'commander';
import { startHttpServer } from './http/start-http-server';
import { createMcpServer } from './server/create-mcp-server';
import { ServerContext } from './server/server-context';

interface ServerArgs {
  workspace?: string;
  http?: string;
  allowedOrigin?: string[];
  tokenFile?: string;
  acceptNewHostKeys?: boolean;
}

async function serve(options: ServerArgs, env: NodeJS.ProcessEnv): Promise<void> {
  const workspace = locateWorkspace(options.workspace ?? process.cwd());
  const ctx = new ServerContext({
    workspace,
    env,
    taskservs: new Map(taskservs.map((d) => [d.name, d])),
    providers: new Map(providers.map((d) => [d.name, d])),
    clusters: new Map(clusters.map((d) => [d.name, d])),
    acceptNewHostKeys: options.acceptNewHostKeys === true,
  });
  const version = env['PROVISIONING_VERSION'] ?? '0.0.0';
  if (options.http) {
    // A bare port means the loopback address: nothing leaves the machine unless asked.
    const listen = parseListen(
      /^\d+$/.test(options.http) ? `127.0.0.1:${options.http}` : options.http,
      '--http',
    );
    if (!['127.0.0.1', 'localhost', '::1'].includes(listen.hostname))
      process.stderr.write(
        `warning: listening on ${listen.hostname}, beyond this machine; put a TLS proxy in front of it\n`,
      );
    const running = await startHttpServer(ctx, {
      listen,
      allowedOrigins: options.allowedOrigin ?? [],
      tokenFile: options.tokenFile,
      version,
    });
    process.stderr.write(
      `provisioning MCP server on ${running.url} (workspace ${workspace}; bearer token in ${running.tokenFile})\n`,
    );
    await new Promise<void>((done) => {
      const stop = () => void running.close().then(done);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await ctx.close();
    return;
  }
  const server = createMcpServer(ctx, version);
  const closed = new Promise<void>((done) => (server.server.onclose = done));
  await server.connect(new StdioServerTransport());
  process.stderr.write(`provisioning MCP server ready over stdio (workspace ${workspace})\n`);
  await closed;
  await ctx.close();
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const program = new Command('provisioning-mcp')
    .description('The Model Context Protocol server over a Provisioning workspace.')
    .exitOverride()
    .addOption(
      new Option(
        '--workspace <dir>',
        'the workspace (default: the one containing the current directory)',
      ).env('PROVISIONING_WORKSPACE'),
    )
    .addOption(
      new Option('--http <host:port>', 'serve Streamable HTTP on this address instead of stdio').env(
        'PROVISIONING_MCP_HTTP',
      ),
    )
    .addOption(
      new Option(
        '--allowed-origin <origin...>',
        'browser origins allowed besides localhost ones (http://localhost:*, http://127.0.0.1:*)',
      )
        .env('PROVISIONING_MCP_ALLOWED_ORIGINS')
        .argParser((value: string, previous: string[] = []) => [
          ...previous,
          ...value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        ]),
    )
    .addOption(
      new Option(
        '--token-file <path>',
        "the bearer token's file (default: the workspace's .provisioning/orchestrator.token, created if missing)",
      ).env('PROVISIONING_MCP_TOKEN_FILE'),
    )
    .addOption(
      new Option('--accept-new-host-keys', 'record unknown host keys on first contact').env(
        'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
      ),
    )
    .action((options: ServerArgs) => serve(options, env));
  await program.parseAsync(argv, { from: 'user' });
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then(() => process.exit(0))
    .catch((error: Error & { code?: string; exitCode?: number }) => {
      // commander has printed the help (exit 0) or the usage error (exit 2, as the CLI's).
      if (error.code?.startsWith('commander.')) process.exit(error.exitCode === 0 ? 0 : 2);
      process.stderr.write(`provisioning-mcp: ${error.message}\n`);
      process.exit(1);
    });
}

import type { CommandContext } from '../../cli/command-definition';
import { runInForeground, siblingProgram } from '../../cli/sibling-program';
import { workspaceRootFor } from '../../engine/workspace-root.js';

/** Runs the MCP server as a child on this process's stdin and stdout, so the protocol flows straight through. */
export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as {
    http?: string;
    allowedOrigin?: string[] | string;
    tokenFile?: string;
    acceptNewHostKeys?: boolean;
  };
  const workspace = (await workspaceRootFor(ctx, { required: true })) as string;
  const origins = [options.allowedOrigin ?? []].flat();
  return runInForeground(
    [
      siblingProgram('mcp-server', 'PROVISIONING_MCP_ENTRY', ctx.env),
      '--workspace',
      workspace,
      ...(options.http ? ['--http', options.http] : []),
      ...origins.flatMap((origin) => ['--allowed-origin', origin]),
      ...(options.tokenFile ? ['--token-file', options.tokenFile] : []),
      ...(options.acceptNewHostKeys ? ['--accept-new-host-keys'] : []),
    ],
    ctx.env,
  );
}

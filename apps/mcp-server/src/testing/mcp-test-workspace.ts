import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defineTaskserv, file } from '@provisioning/sdk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { createMcpServer } from '../server/create-mcp-server';
import { ServerContext, type ServerOptions } from '../server/server-context';

export const CANARY = 'canary-7f3a9c2e-do-not-leak';

/** A taskserv writing one file: enough to plan, apply and check a real change on this machine. */
export const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  description: 'Writes the message of the day.',
  params: z.object({ path: z.string(), text: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: `${params.text}\n`, mode: '0644' })],
});

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A workspace with one local host whose motd file carries the canary secret. */
export function localWorkspace(root: string, target: string): void {
  writeFiles(root, {
    'provisioning.yaml': 'name: mcp-test\ndefault_infra: main\n',
    '.gitignore': '.provisioning/\n',
    'infra/main/servers.yaml': 'servers:\n  - { name: here, provider: local }\n',
    'infra/main/taskservs.yaml': `taskservs:\n  - { name: motd, servers: [here], params: { path: "${target}", text: "token {{secret.CANARY}}" } }\n`,
  });
}

/** The environment a test workspace runs with: its own HOME, and the canary as a secret. */
export function testEnv(root: string): NodeJS.ProcessEnv {
  return {
    HOME: root,
    XDG_CONFIG_HOME: join(root, 'xdg'),
    PATH: process.env['PATH'],
    PROVISIONING_SECRET_CANARY: CANARY,
  };
}

/** The SDK's own Client connected to a server over the workspace (in memory); close both with `close`. */
export async function connectClient(
  workspace: string,
  env: NodeJS.ProcessEnv,
  options: Partial<ServerOptions> = {},
): Promise<{ client: Client; ctx: ServerContext; close: () => Promise<void> }> {
  const ctx = new ServerContext({ workspace, env, taskservs: new Map([[motd.name, motd]]), ...options });
  const server = createMcpServer(ctx);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'spec', version: '1.0.0' });
  await client.connect(clientSide);
  return {
    client,
    ctx,
    close: async () => {
      await client.close();
      await ctx.close();
    },
  };
}

export type Structured = Record<string, unknown> & { planId?: string };

/** Calls a tool; `text` is the whole result as JSON, what a leak check searches. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await client.callTool({ name, arguments: args });
  return { result, data: result.structuredContent as Structured, text: JSON.stringify(result) };
}

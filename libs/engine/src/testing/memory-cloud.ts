import { defineProvider, type ProviderServer } from '@provisioning/sdk';
import { createServer, type Server as NetServer } from 'node:net';
import { z } from 'zod';

/**
 * A provider whose "cloud" is this map: it keeps the provider contract (idempotent create by
 * client token, get of a deleted server is undefined), and its servers' address is a real
 * listener that answers with an SSH banner, so the engine's wait for SSH is exercised for real.
 */
export function memoryCloud(listen: () => Promise<number>) {
  const servers = new Map<string, ProviderServer & { token: string }>();
  const calls: string[] = [];
  let failNextCreateAfterMaking = false;
  const provider = defineProvider({
    name: 'memory',
    version: '1.0.0',
    options: z.object({ size: z.enum(['s', 'm']).default('s'), token: z.string().optional() }),
    placement: (options) => ({ zone: 'mem-1', plan: options.size, image: 'debian-12' }),
    async create(ctx, request) {
      calls.push(`create ${request.name} ${request.clientToken}`);
      const existing = [...servers.values()].find((server) => server.token === request.clientToken);
      if (existing) return existing;
      const id = `m${servers.size + calls.length}`;
      const server = {
        id,
        name: request.name,
        status: 'running' as const,
        address: '127.0.0.1',
        port: await listen(),
        user: 'root',
        labels: request.labels,
        hostKeys: [`ssh-ed25519 KEY${id}`],
        token: request.clientToken,
      };
      servers.set(id, server);
      if (failNextCreateAfterMaking) {
        failNextCreateAfterMaking = false;
        throw new Error(`timed out waiting for the create action (token ${ctx.options.token ?? 'none'})`);
      }
      return server;
    },
    get: async (_ctx, id) => servers.get(id),
    list: async () => [...servers.values()],
    delete: async (_ctx, id) => void servers.delete(id),
    start: async () => undefined,
    stop: async () => undefined,
    reboot: async () => undefined,
    plans: async () => [{ name: 's' }, { name: 'm' }],
    images: async () => [{ name: 'debian-12' }],
    zones: async () => [{ name: 'mem-1' }],
  });
  return { provider, servers, calls, failNextCreate: () => (failNextCreateAfterMaking = true) };
}

/** Listeners on 127.0.0.1 that answer like sshd (a banner): the addresses of a memory cloud's servers. */
export function sshBanners(): { listen: () => Promise<number>; close: () => void } {
  const listeners: NetServer[] = [];
  return {
    async listen() {
      const banner = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
      listeners.push(banner);
      await new Promise<void>((resolve) => banner.listen(0, '127.0.0.1', resolve));
      return (banner.address() as { port: number }).port;
    },
    close: () => listeners.forEach((listener) => listener.close()),
  };
}

import type { Infra, Server, Settings } from '@provisioning/config';
import type { HostSpecInput } from '@provisioning/remote';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { EngineError } from '../errors';

export interface HostSpecOptions {
  settings: Settings;
  workspaceRoot: string;
}

/**
 * The connection of every server of an infra, as libs/remote takes it: the server's own fields,
 * then the settings (ssh.user, ssh.port, ssh.key, ssh.agent, ssh.connect_timeout). A `jump_host`
 * is another server's name or `user@host:port`. Provider `local` runs on this machine, no SSH.
 */
export function hostSpecsFor(infra: Infra, options: HostSpecOptions): HostSpecInput[] {
  const byName = new Map(infra.servers.map((server) => [server.name, server]));
  return infra.servers.map((server) => {
    const spec = hop(server, options);
    if (!server.jump_host) return spec;
    const via = byName.get(server.jump_host);
    const jump = via ? hop(via, options) : parseJumpAddress(server, options);
    return { ...spec, jump: [jump] };
  });
}

function hop(server: Server, { settings, workspaceRoot }: HostSpecOptions): HostSpecInput {
  const ssh = settings.ssh;
  const key = server.ssh_key ?? ssh.key;
  return {
    name: server.name,
    connection: server.provider === 'local' ? 'local' : 'ssh',
    address: server.address ?? server.name,
    port: server.port ?? ssh.port ?? 22,
    user: server.user ?? ssh.user,
    ...(key ? { privateKey: expandPath(key, workspaceRoot) } : {}),
    agent: server.ssh_agent ?? ssh.agent ?? true,
    connectTimeoutMs: (ssh.connect_timeout ?? 10) * 1000,
  };
}

function parseJumpAddress(server: Server, options: HostSpecOptions): HostSpecInput {
  const match = /^(?:([^@]+)@)?([^:@]+)(?::(\d+))?$/.exec(server.jump_host ?? '');
  if (!match) {
    throw new EngineError(
      `${server.source.file}:${server.source.line}:${server.source.col} jump_host "${server.jump_host}" of ${server.name} is neither a server of the infra nor user@host:port`,
      'name another server of the infra, or write it as user@host:port',
    );
  }
  return {
    name: `${server.name}-jump`,
    address: match[2],
    port: match[3] ? Number(match[3]) : (options.settings.ssh.port ?? 22),
    user: match[1] ?? options.settings.ssh.user,
    agent: options.settings.ssh.agent ?? true,
    ...(options.settings.ssh.key ? { privateKey: expandPath(options.settings.ssh.key, options.workspaceRoot) } : {}),
  };
}

/** `~/` is the user's home; a relative path is relative to the workspace root. */
export function expandPath(path: string, workspaceRoot: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(workspaceRoot, path);
}

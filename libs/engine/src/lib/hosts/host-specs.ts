import {
  type Infra,
  jumpChainOf,
  type JumpHop,
  type SecretStore,
  secretReferenceName,
  type Server,
  type Settings,
} from '@provisioning/config';
import type { HostSpecInput } from '@provisioning/remote';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { EngineError } from '../errors';

export interface HostSpecOptions {
  settings: Settings;
  workspaceRoot: string;
  /** Where `ssh_password` / `sudo_password` references (`{{secret.NAME}}`) are looked up. */
  secretStore?: SecretStore;
}

/**
 * The connection of every server of an infra, as libs/remote takes it: the server's own fields,
 * then the settings (ssh.user, ssh.port, ssh.key, ssh.agent, ssh.password, ssh.sudo,
 * ssh.sudo_password, ssh.connect_timeout). `jump_host` is a ProxyJump-style chain: server names of
 * the infra (which bring their own chain) or `[user@]host[:port]`; the pool verifies every hop's
 * host key. Provider `local` runs on this machine, no SSH.
 */
export function hostSpecsFor(infra: Infra, options: HostSpecOptions): HostSpecInput[] {
  const byName = new Map(infra.servers.map((server) => [server.name, server]));
  return infra.servers.map((server) => {
    const spec = hop(server, options);
    if (!server.jump_host) return spec;
    const chain = jumpChainOf(server.name, byName);
    if (!chain.ok)
      throw new EngineError(
        `${where(server)} ${chain.problem}`,
        'fix jump_host so the chain ends; `provisioning validate` reports it too',
      );
    const jump = chain.steps.map((step, index) => {
      if ('server' in step) return hop(byName.get(step.server) as Server, options);
      return addressHop(server, step.hop, index, options);
    });
    return { ...spec, jump };
  });
}

function hop(server: Server, options: HostSpecOptions): HostSpecInput {
  const ssh = options.settings.ssh;
  const key = server.ssh_key ?? ssh.key;
  const password = server.ssh_password ?? ssh.password;
  const sudoPassword = server.sudo_password ?? ssh.sudo_password;
  const sudo = server.sudo ?? ssh.sudo;
  return {
    name: server.name,
    connection: server.provider === 'local' ? 'local' : 'ssh',
    address: server.address ?? server.name,
    port: server.port ?? ssh.port ?? 22,
    user: server.user ?? ssh.user,
    ...(key ? { privateKey: expandPath(key, options.workspaceRoot) } : {}),
    agent: server.ssh_agent ?? ssh.agent ?? true,
    ...(password
      ? {
          password: secretFor(
            password,
            server.ssh_password ? 'ssh_password' : 'settings ssh.password',
            server,
            options,
          ),
        }
      : {}),
    ...(sudoPassword
      ? {
          sudoPassword: secretFor(
            sudoPassword,
            server.sudo_password ? 'sudo_password' : 'settings ssh.sudo_password',
            server,
            options,
          ),
        }
      : {}),
    ...(sudo !== undefined ? { sudo } : {}),
    connectTimeoutMs: (ssh.connect_timeout ?? 10) * 1000,
  };
}

/** A hop written as `[user@]host[:port]`: settings fill what it leaves out. */
function addressHop(server: Server, jump: JumpHop, index: number, options: HostSpecOptions): HostSpecInput {
  const ssh = options.settings.ssh;
  return {
    name: `${server.name}-jump-${index + 1}`,
    address: jump.host,
    port: jump.port ?? ssh.port ?? 22,
    user: jump.user ?? ssh.user,
    agent: ssh.agent ?? true,
    ...(ssh.key ? { privateKey: expandPath(ssh.key, options.workspaceRoot) } : {}),
    connectTimeoutMs: (ssh.connect_timeout ?? 10) * 1000,
  };
}

/**
 * A password reference resolved when the pool first needs it: a missing secret is an ordinary
 * error naming the reference and the server that uses it, never a crash.
 */
function secretFor(reference: string, field: string, server: Server, options: HostSpecOptions): () => string {
  const name = secretReferenceName(reference);
  return () => {
    const secret = options.secretStore?.get(name);
    if (!secret) {
      const sources = options.secretStore?.sources.join(', ') ?? 'no secret store was given';
      throw new EngineError(
        `${where(server)} ${field} of server "${server.name}" refers to ${reference}, but no secret named ${name} exists (looked in ${sources})`,
        `set PROVISIONING_SECRET_${name} or add ${name} to .provisioning/secrets.yaml (mode 0600)`,
      );
    }
    return secret.reveal();
  };
}

function where(server: Server): string {
  return `${server.source.file}:${server.source.line}:${server.source.col}`;
}

/** `~/` is the user's home; a relative path is relative to the workspace root. */
export function expandPath(path: string, workspaceRoot: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(workspaceRoot, path);
}

import { type Infra, type Server, type Settings, writeFileAtomic } from '@provisioning/config';
import { knownHostsName } from '@provisioning/remote';
import type { ServerRecord } from '@provisioning/store';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EngineError } from '../errors';
import { expandPath } from '../hosts/host-specs';

/**
 * Replaces the lines for address:port with the host keys the provider reported (learnt out of
 * band, at creation), so the first connection is verified instead of trusted. With no keys, only removes.
 */
export function recordHostKeys(file: string, address: string, port: number, keys: readonly string[]): void {
  const name = knownHostsName(address, port);
  const kept = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && line.split(/\s+/)[0] !== name)
    : [];
  const lines = [...kept, ...keys.map((key) => `${name} ${key}`)];
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, lines.length ? `${lines.join('\n')}\n` : '', 0o600);
}

/** The OpenSSH public keys to inject into a new server: the `.pub` beside the server's key (ssh_key, else ssh.key). */
export function publicKeysFor(server: Server, settings: Settings, workspaceRoot: string): string[] {
  const key = server.ssh_key ?? settings.ssh.key;
  if (!key) {
    throw new EngineError(
      `server "${server.name}" has no SSH key to put on it at creation`,
      'set ssh.key (provisioning config set ssh.key ~/.ssh/id_ed25519) or ssh_key on the server; its .pub must sit beside it',
    );
  }
  const pub = `${expandPath(key, workspaceRoot)}.pub`;
  if (!existsSync(pub))
    throw new EngineError(
      `${pub} does not exist; the public key of ${key} is injected into new servers`,
      `create it with ssh-keygen -y -f ${key} > ${pub}`,
    );
  return [readFileSync(pub, 'utf8').trim()];
}

/**
 * The infra with created servers' addresses filled in from their records: a provider server's
 * `address`, `port` and `user` default to what the provider reported, so plan, apply and ssh reach it.
 */
export function withCreatedServers(infra: Infra, records: readonly ServerRecord[]): Infra {
  const byName = new Map(
    records
      .filter((record) => record.status === 'created' && record.address)
      .map((record) => [record.name, record]),
  );
  if (byName.size === 0) return infra;
  const servers = infra.servers.map((server) => {
    const record = byName.get(server.name);
    if (!record || record.provider !== server.provider) return server;
    return {
      ...server,
      address: server.address ?? record.address,
      ...(server.port === undefined && record.port !== undefined ? { port: record.port } : {}),
      ...(server.user === undefined && record.user !== undefined ? { user: record.user } : {}),
    };
  });
  return { ...infra, servers };
}

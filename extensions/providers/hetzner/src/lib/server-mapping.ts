import { type ProviderServer, type ProviderServerStatus, SERVER_LABEL } from '@provisioning/sdk';
import type { HcloudServer } from './hetzner-api';

/** Where the create's client token (as `clientTokenLabel`) is kept: the API has no client token. */
export const CLIENT_TOKEN_LABEL = 'provisioning.client-token';

const STATUS: Record<string, ProviderServerStatus> = {
  initializing: 'creating',
  starting: 'running',
  running: 'running',
  stopping: 'stopped',
  off: 'stopped',
  deleting: 'deleting',
  rebuilding: 'creating',
  migrating: 'running',
};

export function toProviderServer(server: HcloudServer, hostKeys: readonly string[] = []): ProviderServer {
  const labels = server.labels ?? {};
  return {
    id: String(server.id),
    name: labels[SERVER_LABEL] ?? server.name,
    status: STATUS[server.status] ?? 'error',
    ...(server.public_net?.ipv4?.ip ? { address: server.public_net.ipv4.ip } : {}),
    port: 22,
    user: 'root',
    ...(server.server_type?.name ? { plan: server.server_type.name } : {}),
    ...(server.image?.name ? { image: server.image.name } : {}),
    ...(server.datacenter?.location?.name ? { zone: server.datacenter.location.name } : {}),
    labels,
    hostKeys,
    ...(server.created ? { createdAt: server.created } : {}),
  };
}

const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/;
const LABEL_KEY =
  /^(?:[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** Refuses labels the API would refuse, naming each, before anything is created. */
export function checkLabels(server: string, labels: Readonly<Record<string, string>>): void {
  const bad = Object.entries(labels)
    .filter(([key, value]) => !LABEL_KEY.test(key) || !LABEL_VALUE.test(value))
    .map(([key, value]) => `${key}=${value}`);
  if (bad.length)
    throw new Error(
      `hetzner: labels of server "${server}" are not valid Hetzner labels: ${bad.join(', ')}; values are up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
}

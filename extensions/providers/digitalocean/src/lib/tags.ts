import {
  INFRA_LABEL,
  MANAGED_BY_LABEL,
  type ProviderServer,
  type ProviderServerStatus,
  SERVER_LABEL,
} from '@provisioning/sdk';
import type { DoDroplet } from './digitalocean-api';

/** The label holding the create's client token (as `clientTokenLabel`); the API has no client token. */
export const CLIENT_TOKEN_LABEL = 'provisioning.client-token';

/**
 * DigitalOcean has tags, not labels, and a tag allows only letters, digits, '_', '-' and ':'. The
 * provisioning labels become fixed tag prefixes; any other label `key=value` becomes `key:value`.
 */
const TAG_PREFIX: Readonly<Record<string, string>> = {
  [MANAGED_BY_LABEL]: 'provisioning-managed-by',
  [INFRA_LABEL]: 'provisioning-infra',
  [SERVER_LABEL]: 'provisioning-server',
  [CLIENT_TOKEN_LABEL]: 'provisioning-client-token',
};
const LABEL_OF_PREFIX = Object.fromEntries(
  Object.entries(TAG_PREFIX).map(([label, prefix]) => [prefix, label]),
);
const TAG_KEY = /^[A-Za-z0-9_-]{1,100}$/;
const TAG_VALUE = /^[A-Za-z0-9_-]{0,100}$/;

export function labelTag(key: string, value: string): string {
  return `${TAG_PREFIX[key] ?? key}:${value}`;
}

/** The tags for these labels; refuses, naming each, a label no tag can carry. */
export function labelsToTags(server: string, labels: Readonly<Record<string, string>>): string[] {
  const bad = Object.entries(labels)
    .filter(
      ([key, value]) =>
        !(key in TAG_PREFIX ? TAG_VALUE.test(value) : TAG_KEY.test(key) && TAG_VALUE.test(value)),
    )
    .map(([key, value]) => `${key}=${value}`);
  if (bad.length)
    throw new Error(
      `digitalocean: labels of server "${server}" cannot be DigitalOcean tags: ${bad.join(', ')}; a label becomes the tag key:value, of letters, digits, '_' and '-' only`,
    );
  return Object.entries(labels).map(([key, value]) => labelTag(key, value));
}

export function tagsToLabels(tags: readonly string[] = []): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    const colon = tag.indexOf(':');
    const key = colon < 0 ? tag : tag.slice(0, colon);
    labels[LABEL_OF_PREFIX[key] ?? key] = colon < 0 ? '' : tag.slice(colon + 1);
  }
  return labels;
}

const STATUS: Record<string, ProviderServerStatus> = { new: 'creating', active: 'running', off: 'stopped' };

export function toProviderServer(droplet: DoDroplet, hostKeys: readonly string[] = []): ProviderServer {
  const labels = tagsToLabels(droplet.tags);
  const address = droplet.networks?.v4?.find((network) => network.type === 'public')?.ip_address;
  return {
    id: String(droplet.id),
    name: labels[SERVER_LABEL] ?? droplet.name,
    status: STATUS[droplet.status] ?? 'error',
    ...(address ? { address } : {}),
    port: 22,
    user: 'root',
    ...(droplet.size_slug ? { plan: droplet.size_slug } : {}),
    ...(droplet.image?.slug ? { image: droplet.image.slug } : {}),
    ...(droplet.region?.slug ? { zone: droplet.region.slug } : {}),
    labels,
    hostKeys,
    ...(droplet.created_at ? { createdAt: droplet.created_at } : {}),
  };
}

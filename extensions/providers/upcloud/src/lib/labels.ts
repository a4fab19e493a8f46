import { createHash } from 'node:crypto';
import { INFRA_LABEL, MANAGED_BY_LABEL, SERVER_LABEL } from '@provisioning/sdk';

/** UpCloud label keys allow letters, digits, `-` and `_` only, so provisioning's dotted keys are mapped. */
const KNOWN_KEYS = [MANAGED_BY_LABEL, INFRA_LABEL, SERVER_LABEL];

/** Label holding a hash of the create's client token: how a retried create finds its server. */
export const TOKEN_LABEL = 'provisioning_client-token';
/** Label holding the public host key given to the server through cloud-init. */
export const HOST_KEY_LABEL = 'provisioning_host-key';

export interface UpcloudLabel {
  key: string;
  value: string;
}

export const upcloudLabelKey = (key: string): string => key.replace(/[^A-Za-z0-9_-]/g, '_');

/** What the labels of a server are called in provisioning (the managed keys get their dots back). */
export function fromUpcloudLabels(labels: readonly UpcloudLabel[] = []): Record<string, string> {
  const byUpcloudKey = new Map(KNOWN_KEYS.map((key) => [upcloudLabelKey(key), key]));
  return Object.fromEntries(labels.map((label) => [byUpcloudKey.get(label.key) ?? label.key, label.value]));
}

export function toUpcloudLabels(labels: Readonly<Record<string, string>>): UpcloudLabel[] {
  return Object.entries(labels).map(([key, value]) => ({ key: upcloudLabelKey(key), value }));
}

/** The token label's value: a hash, so the token itself (infra/server/random) is never stored at the cloud. */
export const tokenLabelValue = (clientToken: string): string =>
  createHash('sha256').update(clientToken).digest('hex').slice(0, 40);

import { HttpError, MANAGED_BY_LABEL, md5Fingerprint } from '@provisioning/sdk';
import type { HetznerApi } from './hetzner-api';

interface HcloudSshKey {
  id: number;
  fingerprint: string;
}

/**
 * The ids of the project's SSH keys for these public keys, registering those it lacks. The API
 * takes keys by id or name at server creation, and refuses a second key with the same fingerprint.
 */
export async function ensureSshKeys(api: HetznerApi, publicKeys: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const publicKey of publicKeys) {
    const fingerprint = md5Fingerprint(publicKey);
    const existing = await byFingerprint(api, fingerprint);
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    try {
      const { body } = await api.http.post<{ ssh_key: HcloudSshKey }>('/ssh_keys', {
        name: `provisioning-${fingerprint.replace(/:/g, '').slice(0, 16)}`,
        public_key: publicKey.trim(),
        labels: { [MANAGED_BY_LABEL]: 'provisioning' },
      });
      ids.push(body.ssh_key.id);
    } catch (error) {
      // registered meanwhile by a parallel create: use that one
      const raced =
        error instanceof HttpError && error.status === 409
          ? await byFingerprint(api, fingerprint)
          : undefined;
      if (!raced) throw error;
      ids.push(raced.id);
    }
  }
  return ids;
}

async function byFingerprint(api: HetznerApi, fingerprint: string): Promise<HcloudSshKey | undefined> {
  const keys = await api.listAll<HcloudSshKey>('/ssh_keys', 'ssh_keys', { fingerprint });
  return keys.find((key) => key.fingerprint === fingerprint);
}

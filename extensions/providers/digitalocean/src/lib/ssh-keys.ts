import { HttpError, md5Fingerprint } from '@provisioning/sdk';
import type { DigitaloceanApi } from './digitalocean-api';

/**
 * The fingerprints of the account's SSH keys for these public keys, adding those it lacks. The API
 * takes keys by id or fingerprint at Droplet creation.
 */
export async function ensureSshKeys(api: DigitaloceanApi, publicKeys: readonly string[]): Promise<string[]> {
  const fingerprints: string[] = [];
  for (const publicKey of publicKeys) {
    const fingerprint = md5Fingerprint(publicKey);
    if (!(await exists(api, fingerprint))) {
      try {
        await api.http.post('/account/keys', {
          name: `provisioning-${fingerprint.replace(/:/g, '').slice(0, 16)}`,
          public_key: publicKey.trim(),
        });
      } catch (error) {
        // added meanwhile by a parallel create ("SSH Key is already in use on your account")
        if (!(error instanceof HttpError && error.status === 422 && (await exists(api, fingerprint))))
          throw error;
      }
    }
    fingerprints.push(fingerprint);
  }
  return fingerprints;
}

async function exists(api: DigitaloceanApi, fingerprint: string): Promise<boolean> {
  try {
    await api.http.get(`/account/keys/${fingerprint}`);
    return true;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return false;
    throw error;
  }
}

import { createHash } from 'node:crypto';
import type { SshHostKey } from './host-key';

/**
 * The cloud-config user data that installs the tool's host key (and only it: cloud-init's own
 * keys are deleted and none generated), so the key the provider reports is the one sshd presents.
 */
export function hostKeyUserData(hostKey: SshHostKey): string {
  const indented = hostKey.privateKey
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return [
    '#cloud-config',
    'ssh_deletekeys: true',
    'ssh_genkeytypes: []',
    'ssh_keys:',
    '  ed25519_private: |',
    indented,
    `  ed25519_public: ${hostKey.publicKey}`,
    '',
  ].join('\n');
}

/**
 * A short, label-safe stand-in for a client token (hex, 40 characters): clouds without client
 * tokens find a half-made server by this label, and label values allow no slashes.
 */
export function clientTokenLabel(clientToken: string): string {
  return createHash('sha256').update(clientToken).digest('hex').slice(0, 40);
}

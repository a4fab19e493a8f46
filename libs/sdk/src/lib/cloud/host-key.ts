import { createHash, createHmac, createPrivateKey, createPublicKey } from 'node:crypto';

/** An ed25519 SSH host key: the private key file (OpenSSH format) and the `ssh-ed25519 AAAA...` line. */
export interface SshHostKey {
  privateKey: string;
  publicKey: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The host key a cloud server gets at creation (through its user data), derived from a secret the
 * tool holds and the create's client token, so a create resumed after a crash knows the same key
 * without having stored it, and the first SSH connection is verified instead of trusted. Anyone
 * holding the secret (the provider's API token) can derive it: they can take over the server anyway.
 */
export function derivedHostKey(secret: string, clientToken: string): SshHostKey {
  const seed = createHmac('sha256', secret).update(`provisioning host key\0${clientToken}`).digest();
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const raw = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]);
  return {
    privateKey: openSshPrivateKey(seed, raw, publicBlob),
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')}`,
  };
}

/** The MD5 fingerprint clouds index SSH keys by (`aa:bb:...`), of an OpenSSH public key line. */
export function md5Fingerprint(publicKey: string): string {
  const blob = publicKey.trim().split(/\s+/)[1];
  if (!blob) throw new Error(`not an OpenSSH public key: "${publicKey.slice(0, 40)}"`);
  return createHash('md5').update(Buffer.from(blob, 'base64')).digest('hex').match(/../g)?.join(':') ?? '';
}

function sshString(value: string | Buffer): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

/** The unencrypted `openssh-key-v1` container (PROTOCOL.key of OpenSSH) that sshd reads. */
function openSshPrivateKey(seed: Buffer, publicKey: Buffer, publicBlob: Buffer): string {
  const check = uint32(seed.readUInt32BE(0));
  let section = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(publicKey),
    sshString(Buffer.concat([seed, publicKey])),
    sshString('provisioning'),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1));
  section = Buffer.concat([section, padding]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(section),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** An ed25519 host key made for one server: OpenSSH's private key file and the public key line. */
export interface HostKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` ... (unencrypted), what sshd reads. */
  privateKey: string;
  /** `ssh-ed25519 AAAA...` without a comment: what known_hosts and the server record hold. */
  publicKey: string;
}

const sshString = (data: Buffer | string): Buffer => {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

const uint32 = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};

/**
 * Generates the host key a new server is given through cloud-init, so its public half is known
 * before the server first answers and is never learnt from the network. The private key file
 * follows OpenSSH's PROTOCOL.key format (openssh-key-v1, cipher none).
 */
export function generateHostKey(comment: string): HostKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const padding = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);
  const file = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const body = file.toString('base64').replace(/(.{70})/g, '$1\n');
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.trimEnd()}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')}`,
  };
}

/** cloud-init user data that installs this host key (and no other) before sshd first starts. */
export function hostKeyUserData(key: HostKeyPair): string {
  const indent = (text: string) =>
    text
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
    indent(key.privateKey),
    `  ed25519_public: ${key.publicKey}`,
    '',
  ].join('\n');
}

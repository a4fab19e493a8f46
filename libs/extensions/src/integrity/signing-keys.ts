import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ExtensionError } from '../errors';
import { sha256Hex } from './sha256';

/** An ed25519 key pair as files hold it: the private key PEM (PKCS#8), the public key as base64 of its 32 raw bytes. */
export interface SigningKeyPair {
  privateKeyPem: string;
  publicKey: string;
  keyId: string;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: raw,
    keyId: keyIdOf(raw),
  };
}

/** The short id an index entry names its key by: the first 16 hex digits of the raw key's sha256. */
export function keyIdOf(publicKeyBase64: string): string {
  return sha256Hex(Buffer.from(publicKeyBase64, 'base64')).slice(0, 16);
}

export function publicKeyObject(publicKeyBase64: string): KeyObject {
  const raw = Buffer.from(publicKeyBase64.trim(), 'base64');
  if (raw.length !== 32) {
    throw new ExtensionError(
      'untrusted',
      `"${publicKeyBase64}" is not an ed25519 public key (32 bytes, base64).`,
      'copy public_key from the .pub file `provisioning registry keygen` wrote.',
    );
  }
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

export function privateKeyObject(pem: string, file: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
    return key;
  } catch (error) {
    throw new ExtensionError(
      'invalid-input',
      `${file}: not an ed25519 private key (${(error as Error).message}).`,
      'make one with `provisioning registry keygen`.',
    );
  }
}

export function publicKeyOfPrivate(key: KeyObject): string {
  return rawPublicKey(createPublicKey(key));
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url').toString('base64');
}

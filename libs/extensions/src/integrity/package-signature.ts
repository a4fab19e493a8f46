import { sign, verify, type KeyObject } from 'node:crypto';
import { ExtensionError } from '../errors';
import { keyIdOf, publicKeyObject } from './signing-keys';

/** What a signature covers: the package's identity and its bytes' digest, so it cannot be moved to another name or version. */
export interface SignedPackage {
  kind: string;
  name: string;
  version: string;
  sha256: string;
}

export function signedMessage(pkg: SignedPackage): Buffer {
  return Buffer.from(
    `provisioning-extension-v1\n${pkg.kind}/${pkg.name}@${pkg.version}\nsha256:${pkg.sha256}\n`,
    'utf8',
  );
}

export function signPackage(pkg: SignedPackage, privateKey: KeyObject): string {
  return sign(null, signedMessage(pkg), privateKey).toString('base64');
}

/** A key a workspace trusts, named after the registry that declared it. */
export interface TrustedKey {
  registry: string;
  publicKey: string;
}

/**
 * Checks `signature` against the trusted keys; returns the registry whose key verified it.
 * Refuses a missing signature, one made by an untrusted key, and one that does not verify.
 */
export function verifyPackageSignature(
  pkg: SignedPackage,
  signature: string | undefined,
  keyId: string | undefined,
  trusted: readonly TrustedKey[],
): TrustedKey {
  const label = `${pkg.kind} ${pkg.name}@${pkg.version}`;
  if (!signature) {
    throw new ExtensionError(
      'signature',
      `${label} is not signed; refused, nothing was written.`,
      'install only signed packages: ask the publisher to publish with --key, or install a local file you trust with --allow-unsigned.',
    );
  }
  if (trusted.length === 0) {
    throw new ExtensionError(
      'untrusted',
      `${label} is signed, but the workspace trusts no key; refused, nothing was written.`,
      'add public_key to the registry in provisioning.yaml `registries:`.',
    );
  }
  const candidates = keyId ? trusted.filter((key) => keyIdOf(key.publicKey) === keyId) : trusted;
  if (candidates.length === 0) {
    throw new ExtensionError(
      'untrusted',
      `${label} is signed by key ${keyId}, which no registry in provisioning.yaml trusts; refused, nothing was written.`,
      "check the registry's public_key; trust a new key only after confirming it with the publisher.",
    );
  }
  const bytes = Buffer.from(signature, 'base64');
  for (const key of candidates) {
    if (verify(null, signedMessage(pkg), publicKeyObject(key.publicKey), bytes)) return key;
  }
  throw new ExtensionError(
    'signature',
    `${label}: the signature does not verify against the trusted key${candidates.length > 1 ? 's' : ''}; refused, nothing was written.`,
    'the index or the package was altered, or signed by someone else; do not install it and tell the registry owner.',
  );
}

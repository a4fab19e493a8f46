import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { ExtensionError } from '../errors';
import { signPackage } from '../integrity/package-signature';
import { sha256Hex } from '../integrity/sha256';
import { keyIdOf, publicKeyOfPrivate } from '../integrity/signing-keys';
import { readPackageManifest } from '../install/verify-package';
import { writeAtomically } from './registry-client';
import { emptyIndex, parseRegistryIndex, type RegistryIndex, serializeRegistryIndex } from './registry-index';

export interface PublishResult {
  name: string;
  kind: string;
  version: string;
  tarball: string;
  sha256: string;
  keyId: string;
}

/**
 * Adds one package to a directory registry: the tarball under `<kind>/<name>/`, then index.json
 * rewritten in one rename with its sha256 and ed25519 signature. A published version is immutable:
 * publishing it again with other bytes is refused (yank it and publish a new version instead).
 */
export async function publishToDirectory(
  registryDir: string,
  bytes: Buffer,
  privateKey: KeyObject,
  now = new Date(),
): Promise<PublishResult> {
  const manifest = await readPackageManifest(bytes, 'package');
  const sha256 = sha256Hex(bytes);
  const publicKey = publicKeyOfPrivate(privateKey);
  const keyId = keyIdOf(publicKey);
  const tarball = `${manifest.kind}/${manifest.name}/${manifest.name}-${manifest.version}.tgz`;
  return withIndexLock(registryDir, () => {
    const index = readIndexFile(registryDir);
    const existing = index.extensions[manifest.name];
    if (existing && existing.kind !== manifest.kind) {
      throw new ExtensionError(
        'registry',
        `${manifest.name} is a ${existing.kind} in this registry, not a ${manifest.kind}; names are unique across kinds.`,
      );
    }
    const published = existing?.versions[manifest.version];
    if (published && published.sha256 !== sha256) {
      throw new ExtensionError(
        'registry',
        `${manifest.name}@${manifest.version} is already published with other content (sha256 ${published.sha256}); versions are immutable.`,
        'bump the version in manifest.yaml and the code, then publish again.',
      );
    }
    writeAtomically(join(registryDir, tarball), bytes);
    index.extensions[manifest.name] = {
      kind: manifest.kind,
      description: manifest.description,
      versions: {
        ...(existing?.versions ?? {}),
        [manifest.version]: {
          core: manifest.core,
          dependencies: manifest.dependencies,
          tarball,
          sha256,
          signature: signPackage(
            { kind: manifest.kind, name: manifest.name, version: manifest.version, sha256 },
            privateKey,
          ),
          keyId,
          yanked: false,
          description: manifest.description,
          published: published?.published ?? now.toISOString(),
        },
      },
    };
    writeAtomically(join(registryDir, 'index.json'), serializeRegistryIndex(index));
    return { name: manifest.name, kind: manifest.kind, version: manifest.version, tarball, sha256, keyId };
  });
}

/** Marks a version yanked (or not): resolution skips it unless a lock already pins it. */
export function setYanked(
  registryDir: string,
  name: string,
  version: string,
  yanked: boolean,
  reason?: string,
): void {
  withIndexLock(registryDir, () => {
    const index = readIndexFile(registryDir);
    const entry = index.extensions[name]?.versions[version];
    if (!entry)
      throw new ExtensionError('not-found', `${name}@${version} is not in the registry at ${registryDir}.`);
    entry.yanked = yanked;
    if (reason) entry.yankedReason = reason;
    else delete entry.yankedReason;
    writeAtomically(join(registryDir, 'index.json'), serializeRegistryIndex(index));
  });
}

export function readIndexFile(registryDir: string): RegistryIndex {
  const file = join(registryDir, 'index.json');
  if (!existsSync(file)) return emptyIndex();
  const parsed = parseRegistryIndex(readFileSync(file, 'utf8'), registryDir);
  if (!parsed.ok)
    throw new ExtensionError(
      'registry',
      parsed.message,
      'restore index.json from a backup before publishing.',
    );
  return parsed.index;
}

/** One publisher at a time: a lock directory beside index.json (mkdir is atomic). */
function withIndexLock<T>(registryDir: string, work: () => T): T {
  mkdirSync(registryDir, { recursive: true });
  const lock = join(registryDir, '.index.lock');
  try {
    mkdirSync(lock);
  } catch {
    throw new ExtensionError(
      'registry',
      `${registryDir} is being published to by someone else (${lock} exists).`,
      'wait and try again; remove the folder if no publish is running.',
    );
  }
  try {
    return work();
  } finally {
    rmdirSync(lock);
  }
}

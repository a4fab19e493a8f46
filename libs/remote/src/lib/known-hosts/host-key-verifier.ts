import { HostKeyChangedError, HostKeyUnknownError, type HostKeyDetails, type RemoteError } from '../errors';
import { algorithmsForKeyType, keyTypeOf, sha256Fingerprint } from './host-key';
import {
  appendKnownHost,
  entryMatches,
  knownHostsName,
  readKnownHosts,
  type KnownHostEntry,
} from './known-hosts-file';

export interface HostKeyCheck {
  /** Inventory name, for errors. */
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly knownHostsFiles: readonly string[];
  /** Trust on first use: record an unknown key in the first known_hosts file. Changed keys still fail. */
  readonly acceptNew: boolean;
}

export type HostKeyVerdict =
  | { readonly ok: true; readonly accepted: boolean; readonly fingerprint: string }
  | { readonly ok: false; readonly error: RemoteError };

/**
 * Decides whether to trust the key a server presented, as OpenSSH's StrictHostKeyChecking=yes
 * (or accept-new with `acceptNew`) would. Files are re-read on every connect so a key accepted by
 * another process or edited by hand is seen without restarting.
 */
export function verifyHostKey(check: HostKeyCheck, keyBlob: Buffer): HostKeyVerdict {
  const lookupName = knownHostsName(check.address, check.port);
  const keyType = keyTypeOf(keyBlob);
  const details: HostKeyDetails = {
    lookupName,
    address: check.address,
    port: check.port,
    keyType,
    fingerprint: sha256Fingerprint(keyBlob),
    knownHostsFiles: check.knownHostsFiles,
  };
  const entries = entriesFor(check, lookupName);

  const revoked = entries.find((entry) => entry.marker === '@revoked' && entry.key.equals(keyBlob));
  if (revoked)
    return {
      ok: false,
      error: new HostKeyChangedError(check.host, details, {
        file: revoked.file,
        line: revoked.line,
        revoked: true,
      }),
    };

  const plain = entries.filter((entry) => entry.marker === undefined);
  if (plain.some((entry) => entry.key.equals(keyBlob)))
    return { ok: true, accepted: false, fingerprint: details.fingerprint };

  const sameType = plain.find((entry) => entry.keyType === keyType);
  if (sameType)
    return {
      ok: false,
      error: new HostKeyChangedError(check.host, details, { file: sameType.file, line: sameType.line }),
    };

  if (plain.length > 0) {
    // Keys of another type are on record. Accepting this one automatically would let an attacker
    // who cannot forge the recorded key downgrade to a type they can: refuse, as OpenSSH does.
    const known = [...new Set(plain.map((entry) => entry.keyType))].join(', ');
    return {
      ok: false,
      error: new HostKeyUnknownError(
        check.host,
        details,
        `; keys of another type (${known}) are recorded for this host`,
      ),
    };
  }

  if (!check.acceptNew) return { ok: false, error: new HostKeyUnknownError(check.host, details) };
  const target = check.knownHostsFiles[0];
  if (!target)
    return {
      ok: false,
      error: new HostKeyUnknownError(
        check.host,
        details,
        '; no known_hosts file is configured to record it in',
      ),
    };
  appendKnownHost(target, check.address, check.port, keyType, keyBlob.toString('base64'));
  return { ok: true, accepted: true, fingerprint: details.fingerprint };
}

/**
 * Host key algorithms to offer, known types first, so a server with several keys presents the one
 * on record (what OpenSSH does) instead of failing as "changed" or "unknown".
 */
export function preferredHostKeyAlgorithms(check: HostKeyCheck, supported: readonly string[]): string[] {
  const known = entriesFor(check, knownHostsName(check.address, check.port))
    .filter((entry) => entry.marker === undefined)
    .flatMap((entry) => algorithmsForKeyType(entry.keyType));
  const preferred = [...new Set(known)].filter((algorithm) => supported.includes(algorithm));
  return [...preferred, ...supported.filter((algorithm) => !preferred.includes(algorithm))];
}

function entriesFor(check: HostKeyCheck, lookupName: string): KnownHostEntry[] {
  return check.knownHostsFiles
    .flatMap(readKnownHosts)
    .filter((entry) => entryMatches(entry.hosts, lookupName));
}

import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  readonly file: string;
  readonly line: number;
  readonly marker?: '@revoked' | '@cert-authority';
  /** The raw host field: comma-separated patterns, or one `|1|salt|hash` hashed name. */
  readonly hosts: string;
  readonly keyType: string;
  /** The key blob (SSH wire format), decoded from base64. */
  readonly key: Buffer;
}

/** The name OpenSSH records and looks up: `address` on port 22, `[address]:port` otherwise. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Appends `name keyType base64` to a known_hosts file (created 0600, its folder 0700, when missing). */
export function appendKnownHost(
  file: string,
  address: string,
  port: number,
  keyType: string,
  keyBase64: string,
): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${knownHostsName(address, port)} ${keyType} ${keyBase64}\n`, { mode: 0o600 });
}

/** Parses a known_hosts file; a missing file is an empty list, malformed lines are skipped (as OpenSSH does). */
export function readKnownHosts(file: string): KnownHostEntry[] {
  let text: string;
  try {
    // a FIFO or device here would block or never end the connect; OpenSSH also wants a plain file
    if (!statSync(file).isFile())
      throw new Error(`${file} is not a regular file; known_hosts must be a plain file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseKnownHosts(text, file);
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority')
      marker = fields.shift() as KnownHostEntry['marker'];
    else if (fields[0]?.startsWith('@')) return;
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length === 0) return;
    entries.push({ file, line: index + 1, marker, hosts, keyType, key });
  });
  return entries;
}

/**
 * Whether `name` (from `knownHostsName`) matches the entry's host field, following sshd(8)'s
 * rules: hashed names are HMAC-SHA1(salt, name); plain patterns allow `*` and `?`, and a matching
 * `!pattern` excludes the host whatever else matches.
 */
export function entryMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) return hashedMatches(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(hosts: string, name: string): boolean {
  const [, , saltBase64, hashBase64] = hosts.split('|');
  if (!saltBase64 || !hashBase64) return false;
  const digest = createHmac('sha1', Buffer.from(saltBase64, 'base64')).update(name).digest('base64');
  return digest === hashBase64;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name.toLowerCase());
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the API token of the orchestrator (and of the MCP server over HTTP) lives in a workspace's state dir. */
export const TOKEN_FILE = join('.provisioning', 'orchestrator.token');

/**
 * The API's bearer token: read from `path`, or created there at first start (32 random bytes,
 * base64url, mode 0600). A token file others can read is refused, as ssh refuses such keys.
 */
export function loadOrCreateToken(path: string): { token: string; created: boolean } {
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077)
      throw new Error(
        `${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      );
    const token = readFileSync(path, 'utf8').trim();
    if (token.length < 32)
      throw new Error(
        `${path} holds no valid token; delete it and start the orchestrator again to create a new one`,
      );
    return { token, created: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { token, created: true };
}

/** Compares in constant time, so the answer's timing says nothing about the token. */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

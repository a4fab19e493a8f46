import { isIP } from 'node:net';
import { z } from 'zod';
import { PORT_PHRASE } from './common';

/**
 * The values that end up on an SSH command line or in a connection: user names, host names,
 * addresses and jump hosts. Each is checked at the schema so nothing that starts with `-` (an
 * option to ssh, e.g. `-oProxyCommand=...`) or holds spaces, quotes or shell syntax gets that far.
 * A value with `{{...}}` passes here and is checked again once expanded (validate-workspace).
 */
export const USER_PHRASE = "a user name of letters, digits, '.', '_' or '-', not starting with '-'";
export const ADDRESS_PHRASE =
  "a host name (letters, digits, '-' and '.', no label starting with '-') or an IP address";
export const JUMP_HOST_PHRASE =
  'a server name or [user@]host[:port], several separated by commas (ProxyJump order), none starting with "-"';
export const SECRET_REFERENCE_PHRASE =
  'a secret reference such as "{{secret.SUDO_PASSWORD}}" (never the password itself)';

const USER_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const HOST_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const SECRET_REFERENCE = /^\{\{\s*secret\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;

export function hasTemplate(value: string): boolean {
  return value.includes('{{');
}

export function isUserName(value: string): boolean {
  return USER_PATTERN.test(value);
}

export function isHostAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  if (value.length > 253) return false;
  return value
    .replace(/\.$/, '')
    .split('.')
    .every((label) => HOST_LABEL.test(label));
}

export interface JumpHop {
  user?: string;
  host: string;
  port?: number;
}

/** `bastion`, `deploy@bastion.example.com:2222`, `[fd00::1]:22`, or several comma-separated. */
export function parseJumpHosts(value: string): JumpHop[] | string {
  const hops: JumpHop[] = [];
  for (const part of value.split(',')) {
    const match = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:@[\]]*)(?::([^:@]*))?$/.exec(part.trim());
    if (!match) return `${JUMP_HOST_PHRASE}; "${part.trim()}" is not`;
    const [, user, rawHost, port] = match;
    const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
    if (user !== undefined && !isUserName(user)) return `${USER_PHRASE} before "@" in "${part.trim()}"`;
    if (!isHostAddress(host)) return `${ADDRESS_PHRASE} in "${part.trim()}"`;
    if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
      return `${PORT_PHRASE} after ":" in "${part.trim()}"`;
    }
    hops.push({
      ...(user !== undefined ? { user } : {}),
      host,
      ...(port !== undefined ? { port: Number(port) } : {}),
    });
  }
  return hops;
}

/** Why a connection field is invalid, or undefined when it is fine (templates are checked later). */
export function connectionFieldProblem(
  field: 'user' | 'address' | 'jump_host',
  value: string,
): string | undefined {
  if (hasTemplate(value)) return undefined;
  if (field === 'user') return isUserName(value) ? undefined : USER_PHRASE;
  if (field === 'address') return isHostAddress(value) ? undefined : ADDRESS_PHRASE;
  const hops = parseJumpHosts(value);
  return typeof hops === 'string' ? hops : undefined;
}

function fieldSchema(field: 'user' | 'address' | 'jump_host', phrase: string) {
  return z
    .string({ error: phrase })
    .min(1, { error: phrase })
    .superRefine((value, ctx) => {
      const problem = connectionFieldProblem(field, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    });
}

export const userSchema = fieldSchema('user', USER_PHRASE);
export const addressSchema = fieldSchema('address', ADDRESS_PHRASE);
export const jumpHostSchema = fieldSchema('jump_host', JUMP_HOST_PHRASE);

/** A password is only ever named, never written: `{{secret.NAME}}`. */
export const secretReferenceSchema = z
  .string({ error: SECRET_REFERENCE_PHRASE })
  .regex(SECRET_REFERENCE, { error: SECRET_REFERENCE_PHRASE });

export function secretReferenceName(reference: string): string {
  return /secret\.([A-Za-z_][A-Za-z0-9_]*)/.exec(reference)?.[1] ?? reference;
}

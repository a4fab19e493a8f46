import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { utils, type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { AuthError } from '../errors';
import type { HostSpec } from '../host-spec';
import { resolveSecret } from '../secret';
import { HINTS } from '../hints';

const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export interface AuthPlan {
  readonly methods: AnyAuthMethod[];
  /** Secret values read while planning (passwords, passphrases): the pool masks them everywhere. */
  readonly secrets: string[];
  /** For error messages: which methods were offered. */
  readonly described: string[];
}

/**
 * The authentication methods to offer, in order: key file, agent, password. With none configured
 * it behaves like `ssh`: the agent from $SSH_AUTH_SOCK, then ~/.ssh/id_{ed25519,ecdsa,rsa}.
 */
export async function planAuth(spec: HostSpec): Promise<AuthPlan> {
  const methods: AnyAuthMethod[] = [];
  const secrets: string[] = [];
  const described: string[] = [];
  const username = spec.user;
  const passphrase = spec.passphrase
    ? await resolveSecret(spec.passphrase, `${spec.name}: key passphrase`)
    : undefined;
  if (passphrase) secrets.push(passphrase);

  const explicit = spec.privateKey !== undefined || spec.agent !== undefined || spec.password !== undefined;
  if (spec.privateKey) {
    methods.push({
      type: 'publickey',
      username,
      key: await loadKey(spec, spec.privateKey, passphrase, true),
    });
    described.push(`publickey ${spec.privateKey}`);
  }
  const agent = agentSocket(spec.agent ?? (explicit ? false : true));
  if (agent) {
    methods.push({ type: 'agent', username, agent });
    described.push(`agent ${agent}`);
  }
  if (spec.password) {
    const password = await resolveSecret(spec.password, `${spec.name}: password`);
    secrets.push(password);
    methods.push({ type: 'password', username, password });
    described.push('password');
  }
  if (!explicit) {
    for (const file of DEFAULT_KEY_FILES.map((name) => join(homedir(), '.ssh', name)).filter((path) =>
      existsSync(path),
    )) {
      const key = await loadKey(spec, file, passphrase, false);
      if (key) {
        methods.push({ type: 'publickey', username, key });
        described.push(`publickey ${file}`);
      }
    }
  }
  if (methods.length === 0) {
    throw new AuthError(spec.name, 'no authentication method is available', HINTS.noAuthMethod);
  }
  return { methods, secrets, described };
}

function agentSocket(agent: boolean | string): string | undefined {
  if (typeof agent === 'string') return agent;
  return agent ? process.env['SSH_AUTH_SOCK'] || undefined : undefined;
}

async function loadKey(
  spec: HostSpec,
  path: string,
  passphrase: string | undefined,
  required: true,
): Promise<ParsedKey>;
async function loadKey(
  spec: HostSpec,
  path: string,
  passphrase: string | undefined,
  required: boolean,
): Promise<ParsedKey | undefined>;
async function loadKey(
  spec: HostSpec,
  path: string,
  passphrase: string | undefined,
  required: boolean,
): Promise<ParsedKey | undefined> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw new AuthError(
      spec.name,
      `cannot read private key ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      HINTS.unreadableKey,
    );
  }
  const parsed = utils.parseKey(data, passphrase);
  if (!(parsed instanceof Error)) return parsed;
  if (!required) return undefined;
  const encrypted = /encrypted|passphrase/i.test(parsed.message);
  throw new AuthError(
    spec.name,
    `cannot use private key ${path}: ${parsed.message}`,
    encrypted ? HINTS.encryptedKey : `${HINTS.unreadableKey} (OpenSSH, PEM or PPK format)`,
  );
}

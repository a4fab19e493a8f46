import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { RemoteConfigError } from './errors';
import { isSecret, type SecretSource } from './secret';

const secretSchema = z.custom<SecretSource>(isSecret, {
  message:
    'must be a secret: { env: "VAR" }, { file: "/path" }, { value } from code, or a function returning the value (never a plain string)',
});

const positiveMs = z.number().int().positive();

/**
 * One host as the inventory describes it. Validated at the edge (`parseHostSpec`) so everything
 * past the pool works with complete, typed values.
 */
const hopShape = z.object({
  /** Inventory name: used in every event and error. */
  name: z.string().min(1),
  /**
   * `local` runs commands on this machine through /bin/sh (no SSH). Default `ssh`, except for a
   * host named `localhost` with no address (the implicit control machine, as in Ansible).
   */
  connection: z.enum(['ssh', 'local']).optional(),
  /** DNS name or IP to connect to (as seen from the previous jump host, if any); defaults to `name`. */
  address: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().min(1).optional(),
  /** Path of a private key file (OpenSSH or PEM format; encrypted keys need `passphrase`). */
  privateKey: z.string().min(1).optional(),
  /** `true` uses $SSH_AUTH_SOCK; a string is the agent socket path. */
  agent: z.union([z.boolean(), z.string().min(1)]).optional(),
  passphrase: secretSchema.optional(),
  password: secretSchema.optional(),
  /** Password sudo asks for; fed on stdin when sudo prompts, never put in argv. */
  sudoPassword: secretSchema.optional(),
  /** Run every command through sudo unless its exec options say `sudo: false`. Default false. */
  sudo: z.boolean().optional(),
  /** known_hosts files checked for this host; the first one receives keys accepted on first use. */
  knownHostsFiles: z.array(z.string().min(1)).optional(),
  connectTimeoutMs: positiveMs.default(10_000),
  keepaliveIntervalMs: positiveMs.default(15_000),
  keepaliveCountMax: z.number().int().positive().default(3),
  /** Session channels open at once on the connection (sshd's MaxSessions, 10 by default). */
  maxSessions: z.number().int().positive().default(10),
});

const hostSpecShape = hopShape.extend({
  /**
   * Jump hosts in order (ProxyJump a,b): the first is reached directly, each next through the
   * previous one. A jump entry has every field of a host except its own `jump`.
   */
  jump: z.array(hopShape).default([]),
});

/** What callers write (defaults optional). */
export type HostSpecInput = z.input<typeof hostSpecShape>;
/** A validated host descriptor with defaults applied. */
export type HostSpec = z.output<typeof hostSpecShape> & {
  connection: 'ssh' | 'local';
  address: string;
  user: string;
  jump: HostSpec[];
};

export function parseHostSpec(input: unknown): HostSpec {
  const parsed = hostSpecShape.safeParse(input);
  if (!parsed.success) {
    const name =
      typeof input === 'object' && input && 'name' in input
        ? String((input as { name: unknown }).name)
        : '(unnamed host)';
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(host)'}: ${issue.message}`)
      .join('; ');
    throw new RemoteConfigError(
      name,
      `invalid host descriptor: ${problems}`,
      'fix the host entry in the inventory; see libs/remote/README.md for the fields',
    );
  }
  return withDefaults(parsed.data);
}

function withDefaults(
  spec: z.output<typeof hopShape> & { jump?: Array<z.output<typeof hopShape>> },
): HostSpec {
  return {
    ...spec,
    connection:
      spec.connection ?? (spec.name === 'localhost' && spec.address === undefined ? 'local' : 'ssh'),
    address: spec.address ?? spec.name,
    user: spec.user ?? userInfo().username,
    jump: (spec.jump ?? []).map((hop) => withDefaults(hop)),
  };
}

export function defaultKnownHostsFiles(): string[] {
  return [join(homedir(), '.ssh', 'known_hosts')];
}

/** `user@address:port` through the jump chain: two specs with the same key share one connection. */
export function connectionKey(spec: HostSpec): string {
  const hop = `${spec.user}@${spec.address}:${spec.port}`;
  return [...spec.jump.map((j) => `${j.user}@${j.address}:${j.port}`), hop].join(' -> ');
}

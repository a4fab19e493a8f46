import { isAbsolute, normalize } from 'node:path';
import { z } from 'zod';
import { portSchema, positiveInt } from './common';
import { secretReferenceSchema, userSchema } from './connection-fields';

/**
 * Keys that are documented as planned and refused until they work: accepting them silently would
 * let a user believe a run retries, logs at debug, or keeps state in PostgreSQL.
 */
export const NOT_SUPPORTED_YET = 'not supported yet';

function notSupportedYet<T extends z.ZodType>(schema: T, key: string, instead: string) {
  return schema.superRefine((value, ctx) => {
    ctx.addIssue({ code: 'custom', message: `${key} is ${NOT_SUPPORTED_YET}; ${instead}`, input: value });
  });
}

/**
 * Settings: how Provisioning itself behaves (SSH defaults, parallelism, state, logging). Every
 * configuration layer (user config, provisioning.yaml, infra override, environment, flags) sets a
 * subset of these keys; built-in defaults fill the rest. Sections listed here are the only ones
 * `PROVISIONING_<SECTION>_<KEY>` environment variables can address.
 */
export const settingsSections = {
  ssh: z.strictObject({
    user: userSchema.describe('Login user when a server sets none.'),
    port: portSchema.describe('SSH port when a server sets none.'),
    key: z
      .string({ error: 'a path to a private key' })
      .describe('Private key file when a server sets none (else the agent is used).'),
    agent: z.boolean({ error: 'true or false' }).describe('Offer keys from ssh-agent ($SSH_AUTH_SOCK).'),
    connect_timeout: positiveInt('a number of seconds from 1 to 600', 600).describe(
      'Seconds to wait for a connection.',
    ),
    strict_host_key_checking: z
      .enum(['yes', 'accept-new', 'no'], { error: 'one of "yes", "accept-new", "no"' })
      .describe(
        'Like OpenSSH: refuse unknown hosts (yes), trust on first use (accept-new), or never check (no).',
      ),
    known_hosts: z
      .string({ error: 'a path to a known_hosts file' })
      .describe('known_hosts file to check and record host keys in.'),
    password: secretReferenceSchema.describe(
      'Login password when a server sets none, as {{secret.NAME}} (keys are tried first).',
    ),
    sudo: z
      .boolean({ error: 'true or false' })
      .describe('Run every command through sudo when a server does not say.'),
    sudo_password: secretReferenceSchema.describe(
      'Password sudo asks for when a server sets none, as {{secret.NAME}}.',
    ),
  }),
  run: z.strictObject({
    parallelism: positiveInt('a number of hosts from 1 to 1000', 1000).describe(
      'Hosts worked on at the same time.',
    ),
    retries: notSupportedYet(
      z.number({ error: 'a number of retries' }),
      'run.retries',
      'a failed step fails its host; remove the key (operations are idempotent, so re-run apply)',
    ).describe('Planned: retries of a failed step. Not supported yet: refused.'),
    timeout: positiveInt('a number of seconds from 1 to 86400', 86400).describe('Seconds one step may take.'),
  }),
  state: z.strictObject({
    backend: z
      .enum(['sqlite', 'postgres'], { error: 'one of "sqlite", "postgres"' })
      .superRefine((value, ctx) => {
        if (value === 'postgres') {
          ctx.addIssue({
            code: 'custom',
            message: `state.backend postgres is ${NOT_SUPPORTED_YET}; use sqlite (the default)`,
            input: value,
          });
        }
      })
      .describe('Where state, locks and runs are kept: sqlite (PostgreSQL is planned, refused for now).'),
    path: z
      .string({ error: 'a file path' })
      .min(1, { error: 'a file path' })
      .refine((path) => isAbsolute(path) || !normalize(path).split(/[\\/]/).includes('..'), {
        error: 'a path inside the workspace (no ".." leaving it) or an absolute path',
      })
      .describe('SQLite file: relative to the workspace root and inside it, or an absolute path.'),
    url: notSupportedYet(
      z.string({ error: 'a postgres:// URL' }),
      'state.url',
      'remove it (PostgreSQL state is planned)',
    ).describe('Planned: PostgreSQL connection URL. Not supported yet: refused.'),
  }),
  log: z.strictObject({
    level: notSupportedYet(
      z.enum(['error', 'warn', 'info', 'debug'], { error: 'one of "error", "warn", "info", "debug"' }),
      'log.level',
      'remove it (commands print progress and errors; --output json is for scripts)',
    ).describe('Planned: least severe message logged. Not supported yet: refused.'),
  }),
} as const;

export type SettingsSectionName = keyof typeof settingsSections;
export const SETTINGS_SECTION_NAMES = Object.keys(settingsSections) as SettingsSectionName[];

/** The shape of `settings:` in any file: every section and key optional. */
export const settingsFileSchema = z.strictObject(
  Object.fromEntries(
    SETTINGS_SECTION_NAMES.map((name) => [name, settingsSections[name].partial().optional()]),
  ) as { [K in SettingsSectionName]: z.ZodOptional<ReturnType<(typeof settingsSections)[K]['partial']>> },
  { error: 'a mapping of settings sections (ssh, run, state, log)' },
);

export type Settings = { [K in SettingsSectionName]: Partial<z.infer<(typeof settingsSections)[K]>> };
export type PartialSettings = z.infer<typeof settingsFileSchema>;

/** Built-in defaults: the lowest layer. Keys without a default (ssh.key, state.url) stay unset. */
export const BUILTIN_SETTINGS: Settings = {
  ssh: { user: 'root', port: 22, agent: true, connect_timeout: 10, strict_host_key_checking: 'yes' },
  run: { parallelism: 10, timeout: 600 },
  state: { backend: 'sqlite', path: '.provisioning/state.db' },
  log: {},
};

/** Every settings key as `section.key`, for `config get/set` and did-you-mean. */
export function settingKeys(): string[] {
  return SETTINGS_SECTION_NAMES.flatMap((section) =>
    Object.keys(settingsSections[section].shape).map((key) => `${section}.${key}`),
  );
}

/** The zod schema of one `section.key`, or undefined when there is no such setting. */
export function settingSchema(dottedKey: string): z.ZodType | undefined {
  const [section, key, ...rest] = dottedKey.split('.');
  if (rest.length > 0 || !(section in settingsSections)) return undefined;
  const shape = settingsSections[section as SettingsSectionName].shape as Record<string, z.ZodType>;
  return Object.hasOwn(shape, key) ? shape[key] : undefined;
}

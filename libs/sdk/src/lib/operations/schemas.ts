import { z } from 'zod';

/**
 * The operations a task service returns, as plain data (serialisable, comparable, printable).
 * These schemas are the contract between authors (builders below) and `@provisioning/operations`,
 * which reads facts, diffs and applies them; the engine may re-validate extension output with
 * `operationSchema`.
 */
const absolutePath = z.string().regex(/^\//, 'must be an absolute path');
const mode = z.string().regex(/^[0-7]{3,4}$/, 'must be an octal mode such as "0644"');
const accountName = z.string().regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'must be a valid user or group name');

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const common = {
  /** Unique among the operations of one host run; builders default it from kind and target. */
  id: z.string().min(1),
  /** Ids of earlier operations this one needs; their change makes this one "known after apply". */
  after: z.array(z.string()).optional(),
  description: z.string().optional(),
};

const ownership = { mode: mode.optional(), owner: accountName.optional(), group: accountName.optional() };

export const fileOperationSchema = z
  .object({
    kind: z.literal('file'),
    ...common,
    path: absolutePath,
    /** The content, or `source`: a file on the machine running provisioning. */
    content: z.string().optional(),
    source: z.string().optional(),
    /** Never show this file's content in a diff (keys, tokens, passwords). */
    sensitive: z.boolean().optional(),
    ...ownership,
  })
  .refine(
    (op) => (op.content === undefined) !== (op.source === undefined),
    'give exactly one of content or source',
  );

export const templateOperationSchema = z
  .object({
    kind: z.literal('template'),
    ...common,
    path: absolutePath,
    /** An eta template (`<%= it.port %>`), or `source`: a template file on the machine running provisioning. */
    template: z.string().optional(),
    source: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    sensitive: z.boolean().optional(),
    ...ownership,
  })
  .refine(
    (op) => (op.template === undefined) !== (op.source === undefined),
    'give exactly one of template or source',
  );

export const lineOperationSchema = z
  .object({
    kind: z.literal('line'),
    ...common,
    path: absolutePath,
    /** The full line wanted (present), without its newline. */
    line: z
      .string()
      .refine((value) => !value.includes('\n'), 'must be a single line')
      .optional(),
    /** A JavaScript regular expression: present replaces the last matching line, absent removes every match. */
    regex: z.string().refine(isRegex, 'must be a valid JavaScript regular expression').optional(),
    state: z.enum(['present', 'absent']).default('present'),
    /** Create the file when it does not exist (present only). */
    create: z.boolean().default(true),
  })
  .refine((op) => op.state === 'absent' || op.line !== undefined, 'present needs line')
  .refine((op) => op.line !== undefined || op.regex !== undefined, 'give line or regex');

export const directoryOperationSchema = z.object({
  kind: z.literal('directory'),
  ...common,
  path: absolutePath,
  ...ownership,
});

export const linkOperationSchema = z.object({
  kind: z.literal('link'),
  ...common,
  path: absolutePath,
  target: z
    .string()
    .min(1)
    .refine(
      (value) => !value.startsWith('-'),
      'must not start with "-" (write ./-name for such a relative target)',
    ),
});

export const absentOperationSchema = z.object({
  kind: z.literal('absent'),
  ...common,
  path: absolutePath.refine((value) => value.replace(/\/+$/, '') !== '', 'refuses to remove /'),
  /** Also remove a non-empty directory. */
  recursive: z.boolean().default(false),
});

export const userOperationSchema = z.object({
  kind: z.literal('user'),
  ...common,
  name: accountName,
  state: z.enum(['present', 'absent']).default('present'),
  uid: z.number().int().nonnegative().optional(),
  /** Primary group (must exist or be created by an earlier group operation). */
  group: accountName.optional(),
  /** Supplementary groups; the user is added to these and never removed from others. */
  groups: z.array(accountName).optional(),
  home: absolutePath.optional(),
  shell: absolutePath.optional(),
  system: z.boolean().default(false),
});

export const groupOperationSchema = z.object({
  kind: z.literal('group'),
  ...common,
  name: accountName,
  state: z.enum(['present', 'absent']).default('present'),
  gid: z.number().int().nonnegative().optional(),
  system: z.boolean().default(false),
});

export const packageManagerSchema = z.enum(['apt', 'dnf', 'apk']);

export const packageOperationSchema = z.object({
  kind: z.literal('package'),
  ...common,
  names: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9+._:-]*$/, 'must be a package name')).min(1),
  state: z.enum(['present', 'absent']).default('present'),
  /** Detected on the host (apt, dnf, apk) when not given. */
  manager: packageManagerSchema.optional(),
});

export const serviceOperationSchema = z.object({
  kind: z.literal('service'),
  ...common,
  /** A systemd unit; ".service" is implied. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9:_.@][A-Za-z0-9:_.@-]*$/, 'must be a systemd unit name (not starting with "-")'),
  enabled: z.boolean().optional(),
  state: z.enum(['started', 'stopped']).optional(),
  /** Ids of operations whose change restarts this service (config files, packages). */
  restartOn: z.array(z.string()).optional(),
});

export const downloadOperationSchema = z.object({
  kind: z.literal('download'),
  ...common,
  url: z.string().url(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits'),
  path: absolutePath,
  /** Where verified downloads are kept on the host, by sha256, so a re-install does not fetch again. */
  cacheDir: absolutePath.default('/var/cache/provisioning/downloads'),
  ...ownership,
});

export const shellOperationSchema = z.object({
  kind: z.literal('shell'),
  ...common,
  /** A shell command line, built with `command()`/`quote()` from this package. */
  command: z.string().min(1),
  /** Skip when this path exists. */
  creates: absolutePath.optional(),
  /** Skip when this command succeeds. */
  unless: z.string().optional(),
  /** Run only when this command succeeds. */
  onlyIf: z.string().optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
});

export const taskservOperationSchema = z.object({
  kind: z.literal('taskserv'),
  ...common,
  /** The task service to run as part of this one, with its own params. */
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const operationSchema = z.union([
  fileOperationSchema,
  templateOperationSchema,
  lineOperationSchema,
  directoryOperationSchema,
  linkOperationSchema,
  absentOperationSchema,
  userOperationSchema,
  groupOperationSchema,
  packageOperationSchema,
  serviceOperationSchema,
  downloadOperationSchema,
  shellOperationSchema,
  taskservOperationSchema,
]);

import type { z } from 'zod';
import { DefinitionError, zodIssues } from './errors';
import {
  absentOperationSchema,
  directoryOperationSchema,
  downloadOperationSchema,
  fileOperationSchema,
  groupOperationSchema,
  lineOperationSchema,
  linkOperationSchema,
  packageOperationSchema,
  serviceOperationSchema,
  shellOperationSchema,
  taskservOperationSchema,
  templateOperationSchema,
  userOperationSchema,
} from './schemas';
import type {
  AbsentOperation,
  BuilderInput,
  DirectoryOperation,
  DownloadOperation,
  FileOperation,
  GroupOperation,
  LineOperation,
  LinkOperation,
  PackageOperation,
  ServiceOperation,
  ShellOperation,
  TaskservOperation,
  TemplateOperation,
  UserOperation,
} from './types';

/**
 * Builders: the way task services write operations. Each validates its input at once (so a typo
 * fails where the taskserv is defined, naming the operation) and defaults `id` to `kind:target`.
 */
function build<S extends z.ZodType>(
  kind: string,
  schema: S,
  input: object,
  defaultTarget: string,
): z.output<S> {
  const id = (input as { id?: string }).id ?? `${kind}:${defaultTarget}`;
  const parsed = schema.safeParse({ ...input, kind, id });
  if (!parsed.success)
    throw new DefinitionError(`Invalid ${kind} operation "${id}"`, zodIssues(parsed.error));
  return parsed.data;
}

const target = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? '?'));

/** A whole file with the given content (or the content of a local `source` file), written atomically. */
export const file = (input: BuilderInput<typeof fileOperationSchema>): FileOperation =>
  build('file', fileOperationSchema, input, target(input.path));

/** A file rendered from an eta template with `params` (available as `it` in the template). */
export const template = (input: BuilderInput<typeof templateOperationSchema>): TemplateOperation =>
  build('template', templateOperationSchema, input, target(input.path));

/** One line in a file: present (optionally replacing the line a regex matches) or absent. */
export const line = (input: BuilderInput<typeof lineOperationSchema>): LineOperation =>
  build('line', lineOperationSchema, input, `${target(input.path)}:${input.line ?? input.regex ?? ''}`);

export const directory = (input: BuilderInput<typeof directoryOperationSchema>): DirectoryOperation =>
  build('directory', directoryOperationSchema, input, target(input.path));

/** A symbolic link at `path` pointing to `target`. */
export const link = (input: BuilderInput<typeof linkOperationSchema>): LinkOperation =>
  build('link', linkOperationSchema, input, target(input.path));

/** Nothing at `path` (file, link, or with `recursive` a directory). */
export const absent = (input: BuilderInput<typeof absentOperationSchema>): AbsentOperation =>
  build('absent', absentOperationSchema, input, target(input.path));

export const user = (input: BuilderInput<typeof userOperationSchema>): UserOperation =>
  build('user', userOperationSchema, input, target(input.name));

export const group = (input: BuilderInput<typeof groupOperationSchema>): GroupOperation =>
  build('group', groupOperationSchema, input, target(input.name));

/** Packages installed (or removed) with the host's package manager: apt, dnf or apk, detected. */
export const pkg = (input: BuilderInput<typeof packageOperationSchema>): PackageOperation =>
  build('package', packageOperationSchema, input, (input.names ?? []).join(','));

/** A systemd service enabled/started, restarted when an operation in `restartOn` changed. */
export const service = (input: BuilderInput<typeof serviceOperationSchema>): ServiceOperation =>
  build('service', serviceOperationSchema, input, target(input.name));

/** A file fetched from `url`, verified against `sha256`, cached on the host by its hash. */
export const download = (input: BuilderInput<typeof downloadOperationSchema>): DownloadOperation =>
  build('download', downloadOperationSchema, input, target(input.path));

/** A command, made idempotent by `creates`, `unless` or `onlyIf`; without a guard it runs on every apply. */
export const shell = (input: BuilderInput<typeof shellOperationSchema>): ShellOperation =>
  build('shell', shellOperationSchema, input, target(input.command));

/** Runs another task service (by name) with its own params as part of this one. */
export const taskserv = (input: BuilderInput<typeof taskservOperationSchema>): TaskservOperation =>
  build('taskserv', taskservOperationSchema, input, target(input.name));

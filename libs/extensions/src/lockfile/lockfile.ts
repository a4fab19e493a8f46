import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import { ExtensionError } from '../errors';
import { EXTENSION_KINDS, EXTENSION_NAME_PATTERN } from '../manifest/extension-name';
import { writeAtomically } from '../registry/registry-client';

export const LOCKFILE_NAME = 'provisioning.lock';

export const lockedExtensionSchema = z.strictObject({
  kind: z.enum(EXTENSION_KINDS),
  version: z.string().refine((value) => semver.valid(value) === value, 'an exact version'),
  registry: z.string(),
  tarball: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().optional(),
  keyId: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).default({}),
});

/** `provisioning.lock`: the exact version and digest of every installed extension, committed with the workspace. */
export const lockfileSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  /** What was asked for (`install NAME@RANGE`), by name: what `update` may move within. */
  requested: z.record(z.string().regex(EXTENSION_NAME_PATTERN), z.string()).default({}),
  extensions: z.record(z.string().regex(EXTENSION_NAME_PATTERN), lockedExtensionSchema),
});

export type Lockfile = z.infer<typeof lockfileSchema>;
export type LockedExtension = z.infer<typeof lockedExtensionSchema>;

export function readLockfile(workspaceRoot: string): Lockfile | undefined {
  const file = join(workspaceRoot, LOCKFILE_NAME);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ExtensionError(
      'lockfile',
      `${LOCKFILE_NAME}: not JSON (${(error as Error).message}).`,
      'restore it from version control, or delete it and run `provisioning extension install` to write a new one.',
    );
  }
  const result = lockfileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ExtensionError(
      'lockfile',
      `${LOCKFILE_NAME}: ${issue.path.map(String).join('.')}: ${issue.message}.`,
      'restore it from version control; it is written by provisioning, not by hand.',
    );
  }
  return result.data;
}

/** Sorted, two-space JSON written in one rename, so a crash leaves the old lock or the new one. */
export function writeLockfile(workspaceRoot: string, lock: Lockfile): void {
  const extensions: Lockfile['extensions'] = {};
  for (const name of Object.keys(lock.extensions).sort()) extensions[name] = lock.extensions[name];
  const requested = Object.fromEntries(Object.entries(lock.requested).sort(([a], [b]) => a.localeCompare(b)));
  writeAtomically(
    join(workspaceRoot, LOCKFILE_NAME),
    `${JSON.stringify({ lockfileVersion: 1, requested, extensions }, null, 2)}\n`,
  );
}

export function emptyLockfile(): Lockfile {
  return { lockfileVersion: 1, requested: {}, extensions: {} };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseYamlWithSchema, type ParseResult } from '@provisioning/extensions';
import semver from 'semver';
import { z } from 'zod';

const exact = z
  .string()
  .refine((value) => semver.valid(value) === value, 'an exact semver version such as 0.1.0');
const range = z
  .string()
  .refine((value) => semver.validRange(value) !== null, 'a semver range such as ^0.1.0');
const projectId = z
  .string()
  .regex(
    /^(taskserv|provider|cluster|template)-[a-z][a-z0-9-]*$/,
    'a project name such as taskserv-redis or template-web',
  );

/** What was tested with one core: exact versions of the apps, ranges of extensions and templates. */
export const coreEntrySchema = z.strictObject({
  cli: exact,
  orchestrator: exact.optional(),
  extensions: z.record(z.string(), range).default({}),
  templates: z.record(z.string(), range).default({}),
});

/** A named, tested combination that the bundle executor packs. */
export const bundleSchema = z.strictObject({
  version: exact,
  core: exact,
  extensions: z.array(projectId).default([]),
  templates: z.array(projectId).default([]),
});

/** `versions.yaml` at the repository root (and in every bundle). */
export const versionsMatrixSchema = z
  .strictObject({
    format: z.literal(1),
    cores: z.record(exact, coreEntrySchema),
    bundles: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), bundleSchema).default({}),
  })
  .superRefine((matrix, ctx) => {
    for (const [name, bundle] of Object.entries(matrix.bundles)) {
      if (!matrix.cores[bundle.core])
        ctx.addIssue({
          code: 'custom',
          path: ['bundles', name, 'core'],
          message: `core ${bundle.core} has no entry under cores:`,
        });
    }
  });

export type VersionsMatrix = z.infer<typeof versionsMatrixSchema>;
export type BundleDefinition = z.infer<typeof bundleSchema>;
export const VERSIONS_FILE = 'versions.yaml';

export function parseVersionsMatrix(text: string, file = VERSIONS_FILE): ParseResult<VersionsMatrix> {
  return parseYamlWithSchema(text, file, versionsMatrixSchema);
}

/**
 * The versions.yaml that goes with a running CLI: `$PROVISIONING_VERSIONS_FILE`, else the nearest one
 * in the CLI's folder or up to three above (an installed bundle keeps it beside cli/; the
 * repository at its root, above dist/apps/cli/).
 */
export function findVersionsFile(cliDir: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.PROVISIONING_VERSIONS_FILE) return env.PROVISIONING_VERSIONS_FILE;
  let dir = cliDir;
  for (let level = 0; level <= 3; level++) {
    const candidate = join(dir, VERSIONS_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export function readVersionsMatrix(file: string): ParseResult<VersionsMatrix> {
  return parseVersionsMatrix(readFileSync(file, 'utf8'), file);
}

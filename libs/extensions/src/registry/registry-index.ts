import semver from 'semver';
import { z } from 'zod';
import { EXTENSION_KINDS, EXTENSION_NAME_PATTERN } from '../manifest/extension-name';

const exactVersion = z
  .string()
  .refine((value) => semver.valid(value) === value, { message: 'an exact semver version' });
const range = z.string().refine((value) => semver.validRange(value) !== null, { message: 'a semver range' });
const name = z.string().regex(EXTENSION_NAME_PATTERN, 'an extension name in kebab-case');
/** A path inside the registry: relative, forward slashes, no `..`, so a hostile index cannot point a client elsewhere. */
const tarballPath = z
  .string()
  .regex(
    /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]+\.tgz$/,
    'a relative path ending in .tgz, without ".." or "."',
  );

export const indexVersionSchema = z.strictObject({
  core: range,
  dependencies: z.record(name, range).default({}),
  tarball: tarballPath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  signature: z.string().optional(),
  keyId: z.string().optional(),
  yanked: z.boolean().default(false),
  yankedReason: z.string().optional(),
  description: z.string().optional(),
  published: z.string().optional(),
});

export const indexExtensionSchema = z.strictObject({
  kind: z.enum(EXTENSION_KINDS),
  description: z.string().optional(),
  versions: z.record(exactVersion, indexVersionSchema),
});

/** `index.json` at a registry's root: every version of every extension. */
export const registryIndexSchema = z.strictObject({
  format: z.literal(1),
  extensions: z.record(name, indexExtensionSchema),
});

export type RegistryIndex = z.infer<typeof registryIndexSchema>;
export type IndexExtension = z.infer<typeof indexExtensionSchema>;
export type IndexVersion = z.infer<typeof indexVersionSchema>;

export function emptyIndex(): RegistryIndex {
  return { format: 1, extensions: {} };
}

/** Parses index.json text; problems name the JSON path (`extensions.redis.versions.1.0.0.sha256`). */
export function parseRegistryIndex(
  text: string,
  where: string,
): { ok: true; index: RegistryIndex } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${where}: index.json is not JSON (${(error as Error).message})` };
  }
  const result = registryIndexSchema.safeParse(json);
  if (result.success) return { ok: true, index: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: `${where}: index.json ${issue.path.map(String).join('.')}: ${issue.message}` };
}

/** Stable JSON: extensions and versions sorted, so publishing one version changes only its lines. */
export function serializeRegistryIndex(index: RegistryIndex): string {
  const extensions: Record<string, IndexExtension> = {};
  for (const key of Object.keys(index.extensions).sort()) {
    const extension = index.extensions[key];
    const versions: Record<string, IndexVersion> = {};
    for (const version of Object.keys(extension.versions).sort(semver.compare))
      versions[version] = extension.versions[version];
    extensions[key] = { ...extension, versions };
  }
  return `${JSON.stringify({ format: 1, extensions }, null, 2)}\n`;
}

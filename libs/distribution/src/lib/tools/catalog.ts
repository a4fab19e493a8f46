import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import shipped from './catalog.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex (64 characters)');
const relativeMember = z
  .string()
  .min(1)
  .refine(
    (path) => !path.startsWith('/') && !path.split('/').includes('..'),
    'a relative path inside the archive, without ..',
  );

export const toolSchema = z.strictObject({
  $comment: z.string().optional(),
  description: z.string(),
  homepage: z.string().optional(),
  /** Base URL the `{mirror}` placeholder stands for; overridable per run (--mirror). */
  mirror: z.string().url(),
  /** Download URL with `{mirror}`, `{version}`, `{os}`, `{arch}` and `{asset}` placeholders. */
  url: z.string().min(1),
  /** Per platform (`linux-arm64`) file names for `{asset}`, where a publisher names files irregularly. */
  assets: z.record(z.string(), z.string()).optional(),
  archive: z.enum(['none', 'tar.gz']),
  /** For archives: the executable's path inside the archive (placeholders as in url). */
  member: relativeMember.optional(),
  /** The executable's name on PATH (default: the tool's name). */
  binary: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional(),
  /** How the publisher names each OS and architecture in URLs (keys: linux/darwin, amd64/arm64/arm). */
  os: z.partialRecord(z.enum(['linux', 'darwin']), z.string()),
  arch: z.partialRecord(z.enum(['amd64', 'arm64', 'arm']), z.string()),
  /** Arguments that make the tool print its version (the output must contain the version). */
  versionArgs: z.array(z.string()).min(1),
  defaultVersion: z.string(),
  /** sha256 per version and platform; null where no verified value is recorded. */
  versions: z.record(z.string().regex(/^[0-9A-Za-z.+-]+$/), z.record(z.string(), sha256.nullable())),
});
export type ToolEntry = z.infer<typeof toolSchema>;

export const catalogSchema = z.object({
  $comment: z.string().optional(),
  tools: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), toolSchema),
});
export type ToolCatalog = z.infer<typeof catalogSchema>;

export class CatalogError extends Error {
  override name = 'CatalogError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The catalog shipped with Provisioning. */
export function shippedCatalog(): ToolCatalog {
  return catalogSchema.parse(shipped);
}

/**
 * The shipped catalog with an override file (YAML or JSON) laid over it: new tools are added, a
 * tool named again is replaced whole except `versions`, which merge (so an override can add the
 * checksums of one version, or a mirror, without repeating the rest).
 */
export function loadCatalog(overrideFile?: string): ToolCatalog {
  const base = shippedCatalog();
  if (!overrideFile) return base;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(overrideFile, 'utf8'));
  } catch (error) {
    throw new CatalogError(
      `cannot read the tool catalog ${overrideFile}: ${(error as Error).message}`,
      'pass a YAML or JSON file with a tools: map',
    );
  }
  const tools = (raw as { tools?: Record<string, Record<string, unknown>> } | null)?.tools ?? {};
  const merged: Record<string, unknown> = { ...base.tools };
  for (const [name, entry] of Object.entries(tools)) {
    const before = base.tools[name];
    merged[name] = before
      ? {
          ...before,
          ...entry,
          versions: mergeVersions(before.versions, entry['versions'] as ToolEntry['versions'] | undefined),
        }
      : entry;
  }
  const parsed = catalogSchema.safeParse({ tools: merged });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(
      `${overrideFile}: ${issue.path.join('.')}: ${issue.message}`,
      'fix that entry; docs/installers.md describes the fields',
    );
  }
  return parsed.data;
}

function mergeVersions(
  base: ToolEntry['versions'],
  extra: ToolEntry['versions'] | undefined,
): ToolEntry['versions'] {
  const out: ToolEntry['versions'] = { ...base };
  for (const [version, sums] of Object.entries(extra ?? {}))
    out[version] = { ...(base[version] ?? {}), ...sums };
  return out;
}

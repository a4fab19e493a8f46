import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ExtensionCatalog,
  ExtensionManager,
  readManifestOf,
  readWorkspaceRegistries,
} from '@provisioning/extensions';
import semver from 'semver';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

interface Found {
  name: string;
  kind: string;
  description?: string;
  versions: Array<{ version: string; source: string; registry?: string; fitsCore: boolean }>;
}

const foundShape = z.object({
  name: z.string(),
  kind: z.string().describe('taskserv, provider or cluster'),
  description: z.string().optional(),
  versions: z
    .array(
      z.object({
        version: z.string(),
        source: z
          .string()
          .describe('linked, workspace or user (installed), builtin (ships with provisioning), or registry'),
        registry: z.string().optional().describe('the registry offering it, for source registry'),
        fitsCore: z.boolean().describe('whether this version works with this provisioning'),
      }),
    )
    .describe(
      'what can be used now first (in the order entries resolve), then what a registry offers, newest first',
    ),
});

function matches(query: string, name: string, description: string | undefined): boolean {
  return !query || name.toLowerCase().includes(query) || (description ?? '').toLowerCase().includes(query);
}

function entry(found: Map<string, Found>, name: string, kind: string, description?: string): Found {
  let row = found.get(name);
  if (!row) found.set(name, (row = { name, kind, versions: [] }));
  row.description ??= description;
  return row;
}

/** What the workspace can use now: linked, installed (workspace, user) and built-in extensions. */
function searchLocal(ctx: ServerContext, query: string, found: Map<string, Found>): void {
  const { taskservs, providers, clusters, workspace, env } = ctx.options;
  const catalog = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [...taskservs.values()] });
  for (const name of catalog.names()) {
    for (const candidate of catalog.candidates(name)) {
      const description = candidate.dir
        ? readManifestOf(candidate.dir).description
        : taskservs.get(name)?.description;
      if (!matches(query, name, description)) continue;
      entry(found, name, candidate.kind, description).versions.push({
        version: candidate.version,
        source: candidate.source,
        fitsCore: candidate.fitsCore,
      });
    }
  }
  const builtins = [
    ...[...(providers instanceof Map ? providers.values() : (providers ?? []))].map((d) => ({
      ...d,
      kind: 'provider',
    })),
    ...[...(clusters instanceof Map ? clusters.values() : (clusters ?? []))].map((d) => ({
      ...d,
      kind: 'cluster',
    })),
  ];
  for (const definition of builtins) {
    if (!matches(query, definition.name, definition.description)) continue;
    entry(found, definition.name, definition.kind, definition.description).versions.push({
      version: definition.version,
      source: 'builtin',
      fitsCore: true,
    });
  }
}

/** What the workspace's registries offer (their cached index when one cannot be reached). */
async function searchRegistries(ctx: ServerContext, query: string, found: Map<string, Found>): Promise<void> {
  const manager = new ExtensionManager({
    workspaceRoot: ctx.options.workspace,
    registries: readWorkspaceRegistries(ctx.options.workspace),
    env: ctx.options.env,
    scope: 'workspace',
    fetchImpl: ctx.options.fetchImpl,
  });
  const available = await manager.available();
  for (const [name, versions] of available) {
    const described = await manager.describe(name);
    const description = described.find((d) => d.description)?.description;
    if (!matches(query, name, description)) continue;
    const row = entry(found, name, described[0]?.kind ?? versions[0]?.kind ?? 'taskserv', description);
    for (const v of [...versions]
      .filter((v) => !v.yanked)
      .sort((a, b) => semver.rcompare(a.version, b.version)))
      row.versions.push({
        version: v.version,
        source: 'registry',
        registry: v.registry,
        fitsCore: semver.satisfies(manager.coreVersion, v.core, { includePrerelease: true }),
      });
  }
}

export function registerSearchExtensions(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'search_extensions',
    {
      title: 'Search extensions',
      description:
        "Finds task services, providers and clusters by name or description: those this workspace can use now (linked, installed, built in) and those its registries (provisioning.yaml registries:) offer, with each version and whether it fits this provisioning. Changes nothing; installing is the user's `provisioning extension install NAME`.",
      inputSchema: {
        query: z
          .string()
          .max(100)
          .optional()
          .describe('words to find in names and descriptions, e.g. redis; every extension when omitted'),
      },
      outputSchema: {
        query: z.string(),
        extensions: z.array(foundShape),
        registryProblem: z
          .string()
          .optional()
          .describe('why the registries could not be searched; local results are still listed'),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ query = '' }) =>
      guarded(ctx.redactor, async () => {
        const needle = query.trim().toLowerCase();
        const found = new Map<string, Found>();
        searchLocal(ctx, needle, found);
        let registryProblem: string | undefined;
        try {
          await searchRegistries(ctx, needle, found);
        } catch (error) {
          registryProblem = error instanceof Error ? error.message : String(error);
        }
        const extensions = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
        return { query, extensions, ...(registryProblem ? { registryProblem } : {}) };
      }),
  );
}

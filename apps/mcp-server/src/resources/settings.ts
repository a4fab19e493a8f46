import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { formatDiagnostic, readDefaultInfra, resolveSettings } from '@provisioning/config';
import { listInfras } from '@provisioning/engine';
import type { ServerContext } from '../server/server-context';
import { guardedResource } from '../server/tool-result';

export const SETTINGS_URI = 'provisioning://settings';

/** The settings an infra runs with, each with the layer and place (file:line:col, $VAR) that decided it. */
function settingsOf(ctx: ServerContext, uri: URL, infra: string | undefined): ReadResourceResult {
  const resolved = resolveSettings({ workspaceRoot: ctx.options.workspace, infra, env: ctx.options.env });
  const body = {
    workspace: ctx.options.workspace,
    infra: infra ?? null,
    settings: resolved.settings,
    origins: resolved.origins,
    problems: resolved.diagnostics.map(formatDiagnostic),
  };
  return {
    contents: [
      {
        uri: uri.href,
        mimeType: 'application/json',
        text: ctx.redactor.redact(JSON.stringify(body, null, 2)),
      },
    ],
  };
}

export function registerSettingsResources(server: McpServer, ctx: ServerContext): void {
  server.registerResource(
    'settings',
    SETTINGS_URI,
    {
      title: 'Settings of the default infra',
      description:
        'Every setting (run, ssh, state, ...) the default infra runs with, and where each value comes from: built-in default, user config, provisioning.yaml, infra file (file:line:col) or environment variable.',
      mimeType: 'application/json',
    },
    (uri) =>
      guardedResource(ctx.redactor, () => settingsOf(ctx, uri, readDefaultInfra(ctx.options.workspace))),
  );
  server.registerResource(
    'infra-settings',
    new ResourceTemplate(`${SETTINGS_URI}/{infra}`, {
      // A workspace that does not load lists no per-infra entries (validate says why); the
      // default infra's settings and the schemas stay listed and readable.
      list: async () => ({
        resources: (
          await listInfras({
            workspace: ctx.options.workspace,
            env: ctx.options.env,
            providers: ctx.options.providers,
          }).catch(() => [])
        ).map((infra) => ({
          uri: `${SETTINGS_URI}/${encodeURIComponent(infra.name)}`,
          name: `settings of ${infra.name}`,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Settings of an infra',
      description: 'The settings of the named infra, with the origin of each value.',
      mimeType: 'application/json',
    },
    (uri, variables) =>
      guardedResource(ctx.redactor, () =>
        settingsOf(ctx, uri, decodeURIComponent(String(variables['infra']))),
      ),
  );
}

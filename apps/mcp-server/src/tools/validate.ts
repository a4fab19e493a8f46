import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  providerNamesWith,
  formatDiagnostic,
  taskservLookupFrom,
  validateWorkspace,
} from '@provisioning/config';
import { z } from 'zod';
import { diagnosticShape } from '../server/output-shapes';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

export function registerValidate(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'validate',
    {
      title: 'Validate the workspace',
      description:
        'Checks provisioning.yaml and the infras (or one): YAML syntax, schemas, references, cycles, secrets files. Every problem comes back with file:line:col, the rule broken and a message; ok is false on any error.',
      inputSchema: {
        infra: z.string().min(1).optional().describe('check only this infra; every infra when omitted'),
      },
      outputSchema: {
        ok: z.boolean().describe('false when any error was found'),
        errors: z.number(),
        warnings: z.number(),
        diagnostics: z.array(diagnosticShape),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ infra }) =>
      guarded(ctx.redactor, async () => {
        const report = validateWorkspace(ctx.options.workspace, {
          infra,
          env: ctx.options.env,
          taskservLookup: taskservLookupFrom(ctx.options.taskservs.values()),
          providers: providerNamesWith(providerNames(ctx.options.providers)),
        });
        return {
          ok: report.ok,
          errors: report.errors,
          warnings: report.warnings,
          diagnostics: report.diagnostics.map((d) => ({
            ...d,
            location: `${d.file}:${d.line}:${d.col}`,
            text: formatDiagnostic(d),
          })),
        };
      }),
  );
}

function providerNames(providers: ServerContext['options']['providers']): string[] {
  if (!providers) return [];
  return [...(providers instanceof Map ? providers.values() : providers)].map((provider) => provider.name);
}

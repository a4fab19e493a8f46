import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RunPlan } from '@provisioning/engine';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

export const selectionShape = {
  infra: z.string().min(1).optional().describe('the infra; the workspace default when omitted'),
  servers: z
    .array(z.string().min(1))
    .optional()
    .describe('only these servers (names or label selectors); every server when omitted'),
  taskservs: z
    .array(z.string().min(1))
    .optional()
    .describe('only these taskserv entries; every entry when omitted'),
};

/** The output schema of planSummary. */
export const planSummaryShape = {
  infra: z.string(),
  changes: z.number().describe('operations that will or may change, over all hosts'),
  errors: z.number().describe('hosts or operations that could not be planned'),
  hosts: z.array(
    z.object({
      host: z.string(),
      status: z.enum(['planned', 'known-after-apply', 'error']),
      changes: z.number(),
      errors: z.number(),
      reason: z.string().optional(),
      operations: z
        .array(
          z.object({
            id: z.string(),
            status: z.string().describe('change, create, known-after-apply, error, ...'),
            summary: z.string(),
            diff: z.string().optional().describe('a unified diff of file content'),
          }),
        )
        .describe('the operations that would change (unchanged ones are left out)'),
    }),
  ),
};

/** What a person reviews before approving an apply: per host, the operations that would change. */
export function planSummary(plan: RunPlan) {
  return {
    infra: plan.infra,
    changes: plan.changes,
    errors: plan.errors,
    hosts: plan.hosts.map((host) => ({
      host: host.host,
      status: host.status,
      changes: host.changes,
      errors: host.errors,
      ...(host.reason ? { reason: host.reason } : {}),
      operations: host.operations
        .filter((op) => op.status !== 'unchanged')
        .map((op) => ({
          id: op.id,
          status: op.status,
          summary: op.summary,
          ...(op.diff ? { diff: op.diff } : {}),
        })),
    })),
  };
}

export function registerPlan(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'plan',
    {
      title: 'Plan changes',
      description:
        "Reads each host's facts and reports what apply would change, changing nothing. Returns a planId: show the summary to the user, then pass the planId to apply. A planId goes stale after 15 minutes or once its infra is applied.",
      inputSchema: selectionShape,
      outputSchema: {
        planId: z.string().describe('pass it to apply to execute exactly this plan'),
        ...planSummaryShape,
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ infra, servers, taskservs }, extra) =>
      guarded(ctx.redactor, () =>
        ctx.withInfra(infra, async (handle) => {
          const plan = await handle.plan({ servers, taskservs, signal: extra.signal });
          return { planId: ctx.plans.add(handle.name, plan), ...planSummary(plan) };
        }),
      ),
  );
}

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

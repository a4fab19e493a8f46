import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

/** Thrown for a plan id that cannot be applied; the assistant's next step is to plan again. */
export class PlanRefusedError extends Error {}

export function registerApply(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'apply',
    {
      title: 'Apply a plan',
      description:
        'Changes hosts: executes exactly the operations of a plan made by the plan tool. Only a current planId is accepted (refused when unknown, older than 15 minutes, or when its infra was applied since); a host whose facts changed since the plan is refused and left untouched. Ask the user to confirm the plan summary first.',
      inputSchema: { planId: z.string().uuid().describe('the planId returned by the plan tool') },
      outputSchema: {
        planId: z.string(),
        runId: z.string().nullable().describe('the run as the state store records it'),
        infra: z.string(),
        status: z.enum(['succeeded', 'failed', 'cancelled']),
        changed: z.number(),
        failedHosts: z.number(),
        durationMs: z.number(),
        stoppedBecause: z.string().optional(),
        hosts: z.array(
          z.object({
            host: z.string(),
            status: z.enum(['ok', 'failed', 'skipped']),
            changed: z.number(),
            unchanged: z.number(),
            failed: z.number(),
            error: z
              .object({ message: z.string() })
              .passthrough()
              .optional()
              .describe('why the host failed; stale names what changed since the plan'),
          }),
        ),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    ({ planId }, extra) =>
      guarded(ctx.redactor, async () => {
        const current = ctx.plans.current(planId);
        if (!current.ok) throw new PlanRefusedError(current.reason);
        return ctx.withInfra(current.infra, async (handle) => {
          ctx.plans.applied(current.infra);
          const result = await handle.apply(current.plan, { signal: extra.signal });
          return {
            planId,
            runId: result.runId ?? null,
            infra: result.infra,
            status: result.status,
            changed: result.changed,
            failedHosts: result.failedHosts,
            durationMs: result.durationMs,
            ...(result.stoppedBecause ? { stoppedBecause: result.stoppedBecause } : {}),
            hosts: result.hosts.map((h) => ({
              host: h.host,
              status: h.status,
              changed: h.changed,
              unchanged: h.unchanged,
              failed: h.failed,
              ...(h.error ? { error: h.error } : {}),
            })),
          };
        });
      }),
  );
}

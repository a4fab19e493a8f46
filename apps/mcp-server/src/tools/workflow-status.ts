import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { EngineError, type StepRecord } from '@provisioning/engine';
import { z } from 'zod';
import { workflowRecordShape, workflowStepShape } from '../server/output-shapes';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';

/** What an assistant needs of each step: where it stands and why it failed (not leases or workers). */
export function workflowSteps(steps: readonly StepRecord[]) {
  return steps.map((step) => ({
    id: step.id,
    phase: step.phase,
    status: step.status,
    attempt: step.attempt,
    ...(step.startedAt ? { startedAt: step.startedAt } : {}),
    ...(step.finishedAt ? { finishedAt: step.finishedAt } : {}),
    ...(step.durationMs !== undefined ? { durationMs: step.durationMs } : {}),
    ...(step.error ? { error: step.error } : {}),
  }));
}

export function registerWorkflowStatus(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'workflow_status',
    {
      title: 'Workflow status',
      description:
        "With an id: that workflow's status, each step's status and error, and its latest events. Without one: the most recent workflows of the workspace. Changes nothing.",
      inputSchema: {
        id: z
          .string()
          .min(1)
          .optional()
          .describe('a workflow id from workflow_submit; omit it to list workflows'),
        limit: z
          .number()
          .int()
          .min(1)
          .max(200)
          .optional()
          .describe('how many workflows (or, with an id, how many latest events) to return; default 20'),
      },
      outputSchema: {
        workflow: workflowRecordShape.optional(),
        steps: z.array(workflowStepShape).optional(),
        events: z
          .array(
            z
              .object({ seq: z.number(), at: z.string(), type: z.string(), stepId: z.string().optional() })
              .passthrough(),
          )
          .optional()
          .describe('the latest events, oldest first'),
        workflows: z.array(workflowRecordShape).optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id, limit = 20 }) =>
      guarded(ctx.redactor, async () => {
        const service = await ctx.workflows();
        if (id === undefined) return { workflows: (await service.list({ limit })).items };
        const detail = await service.get(id);
        if (!detail)
          throw new EngineError(
            `no workflow ${id} in this workspace's store`,
            'call workflow_status without an id to list the workflows',
            'usage',
          );
        const events = await service.events(id);
        return {
          workflow: detail.workflow,
          steps: workflowSteps(detail.steps),
          events: events.slice(-limit),
        };
      }),
  );
}

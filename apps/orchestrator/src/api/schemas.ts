import { workflowFileSchema } from '@provisioning/config';
import { z } from 'zod';

/** Request and response shapes of the API: the routes validate with them and the OpenAPI document is generated from them. */

export const WORKFLOW_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'cancelling',
  'cancelled',
  'rolling_back',
  'rolled_back',
  'rollback_failed',
] as const;
export const STEP_STATUSES = [
  'waiting',
  'ready',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;

export const submitBodySchema = z.strictObject({
  workflow: z
    .union([workflowFileSchema, z.string()])
    .describe(
      "The workflow: the same document as a workflows/*.yaml file, as JSON, or that file's YAML text.",
    ),
  workspace: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The workspace its steps run in, on the orchestrator's machine (default: the orchestrator's --workspace).",
    ),
});

export const listQuerySchema = z.strictObject({
  status: z.enum(WORKFLOW_STATUSES).optional().describe('Only workflows in this status.'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Workflows per page (1 to 500).'),
  cursor: z.string().optional().describe('The nextCursor of the previous page.'),
});

export const stepErrorSchema = z.object({
  message: z.string(),
  hint: z.string().optional(),
  class: z.string().optional(),
});

export const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string().optional(),
  status: z.enum(WORKFLOW_STATUSES),
  parallelLimit: z.number().int(),
  rollbackEnabled: z.boolean(),
  workspace: z.string().optional(),
  idempotencyKey: z.string().optional(),
  createdAt: z.string().describe('ISO 8601'),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.enum(STEP_STATUSES), z.number()).describe('Steps per status, both phases.'),
});

export const stepSchema = z.object({
  id: z.string(),
  phase: z.enum(['forward', 'rollback']),
  status: z.enum(STEP_STATUSES),
  dependencies: z.array(z.object({ id: z.string(), kind: z.enum(['hard', 'soft']) })),
  spec: z
    .unknown()
    .describe('What the step runs (its operation), or null for a rollback step with nothing to undo.'),
  rollback: z.unknown().optional(),
  attempt: z.number().int().describe('Attempts so far, retries and takeovers included.'),
  tries: z.number().int(),
  worker: z.string().optional(),
  leaseExpiresAt: z.string().optional(),
  availableAt: z.string().optional().describe('A retry waits until then.'),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  outputs: z
    .unknown()
    .optional()
    .describe('What the step left (per-host exit codes and output tails), secrets redacted by the engine.'),
  error: stepErrorSchema.optional(),
});

export const workflowDetailSchema = z.object({ workflow: workflowSchema, steps: z.array(stepSchema) });
export const workflowPageSchema = z.object({
  items: z.array(workflowSchema),
  nextCursor: z.string().optional(),
});
export const eventSchema = z.object({
  seq: z.number().int().describe('Also the SSE id: send it back as Last-Event-ID to resume.'),
  workflowId: z.string(),
  at: z.string(),
  type: z
    .string()
    .describe(
      'workflow-submitted, step-started, step-output and step-progress (live, while a step runs), step-output-truncated, step-succeeded, step-failed, step-retry-scheduled, step-skipped, step-cancelled, step-interrupted, step-lease-expired, workflow-succeeded, workflow-failed, …; the data of each: docs/orchestrator.md, "Events"',
    ),
  stepId: z.string().optional(),
  phase: z.enum(['forward', 'rollback']).optional(),
  data: z.unknown().optional(),
});
export const errorSchema = z.object({
  error: z.object({
    message: z.string(),
    hint: z.string().optional(),
    diagnostics: z
      .array(
        z.object({
          file: z.string(),
          line: z.number(),
          col: z.number(),
          path: z.string(),
          message: z.string(),
          code: z.string(),
        }),
      )
      .optional(),
  }),
});
export const healthSchema = z.object({
  status: z.literal('ok'),
  workers: z.number().int(),
  busy: z.number().int(),
});

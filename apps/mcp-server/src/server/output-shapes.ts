import { z } from 'zod';

// Pieces several tools' output schemas share. Objects stay open (zod's default strips nothing
// when validating), so a field the engine adds later does not break a client that validates.

/** A problem in a workspace or workflow file, with where it is. */
export const diagnosticShape = z.object({
  location: z.string().describe('file:line:col, relative to the workspace'),
  file: z.string(),
  line: z.number(),
  col: z.number(),
  severity: z.enum(['error', 'warning']),
  path: z.string().describe('the value inside the file, e.g. servers[0].port'),
  code: z.string().describe('a stable identifier, e.g. invalid-type'),
  message: z.string(),
  text: z.string().describe('the whole diagnostic on one line, as the CLI prints it'),
});

/** A workflow as the store records it (dates as ISO strings). */
export const workflowRecordShape = z.object({
  id: z.string(),
  name: z.string(),
  status: z
    .string()
    .describe(
      'running, succeeded, failed, cancelling, cancelled, rolling_back, rolled_back or rollback_failed',
    ),
  workspace: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.string(), z.number()).describe('steps per status'),
});

/** One step of a workflow and how it went. */
export const workflowStepShape = z.object({
  id: z.string(),
  phase: z.string().describe('forward or rollback'),
  status: z.string().describe('waiting, ready, running, succeeded, failed or skipped'),
  attempt: z.number(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  error: z.object({ message: z.string(), hint: z.string().optional() }).passthrough().optional(),
});

import { z } from 'zod';
import { nameListSchema, nameSchema, positiveInt } from '../schema/common';

/**
 * A workflow file (`workflows/<name>.yaml`): a DAG of operations that the orchestrator runs
 * durably. zod is the one source; the JSON Schema for editors is generated from it.
 */

export const OPERATION_ID_PHRASE =
  "an operation id of letters, digits, '.', '_' or '-', starting with a letter or digit";
const operationIdSchema = z
  .string({ error: OPERATION_ID_PHRASE })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, { error: OPERATION_ID_PHRASE });

/** What failures a retry covers: lost or refused connections, timeouts, a non-zero exit or failed operation, or any. */
export const RETRY_ERROR_CLASSES = ['connection', 'timeout', 'exit', 'stale', 'any'] as const;
export type RetryErrorClass = (typeof RETRY_ERROR_CLASSES)[number];

const SELECTION_PHRASE = "a server selection: names (web-1,web-2), labels (role=web), or 'all'";
const selectionSchema = z.string({ error: SELECTION_PHRASE }).min(1, { error: SELECTION_PHRASE });

const dependencySchema = z.union(
  [
    operationIdSchema,
    z.strictObject({
      id: operationIdSchema.describe('The operation waited for.'),
      kind: z
        .enum(['hard', 'soft'], {
          error: 'hard (wait for success) or soft (wait for completion, whatever its result)',
        })
        .default('hard'),
    }),
  ],
  { error: 'an operation id, or { id, kind: hard | soft }' },
);

export const retrySchema = z
  .strictObject({
    attempts: positiveInt('a number of attempts from 1 to 100', 100)
      .default(1)
      .describe('Attempts in all, the first included (1: no retry).'),
    backoff: z
      .number({ error: 'a number of seconds ≥ 0' })
      .min(0, { error: 'a number of seconds ≥ 0' })
      .default(2)
      .describe('Seconds before the first retry; doubled before each next one.'),
    max_backoff: z
      .number({ error: 'a number of seconds ≥ 0' })
      .min(0, { error: 'a number of seconds ≥ 0' })
      .default(300)
      .describe('The longest wait between two attempts, in seconds.'),
    jitter: z
      .boolean({ error: 'true or false' })
      .default(true)
      .describe('Wait a random time up to the backoff (full jitter), so retries of many steps spread out.'),
    on: z
      .array(z.enum(RETRY_ERROR_CLASSES, { error: `one of ${RETRY_ERROR_CLASSES.join(', ')}` }), {
        error: 'a list of error classes',
      })
      .default(['connection', 'timeout'])
      .describe(
        'Which failures are retried: connection, timeout, exit (non-zero exit or failed operation), stale (host changed since plan), any.',
      ),
  })
  .describe('How a failed attempt is retried.');

const common = {
  infra: nameSchema.optional().describe('The infra the operation acts on; default: the workspace default.'),
  timeout: positiveInt('a number of seconds from 1 to 86400', 86400)
    .optional()
    .describe('Seconds one attempt may take before it is aborted (a timeout failure).'),
};

const applyOperation = z.strictObject({
  type: z.literal('apply'),
  ...common,
  servers: selectionSchema.optional().describe('Servers to apply to; default: all of the infra.'),
  taskservs: nameListSchema.optional().describe('Only these task services; default: all.'),
});

const taskservOperation = z.strictObject({
  type: z.literal('taskserv'),
  ...common,
  action: z.enum(['install', 'remove'], { error: 'install or remove' }).default('install'),
  taskservs: nameListSchema
    .min(1, { error: 'a list with at least one task service name' })
    .describe('The task services to install or remove.'),
  servers: selectionSchema.optional(),
});

const commandOperation = z.strictObject({
  type: z.literal('command'),
  ...common,
  command: z
    .string({ error: 'a shell command line' })
    .min(1, { error: 'a shell command line' })
    .describe('Runs under /bin/sh on each selected server, as written.'),
  servers: selectionSchema.describe("Where it runs: names, labels (role=web), or 'all'."),
  sudo: z.boolean({ error: 'true or false' }).default(false),
});

const workflowOperation = z.strictObject({
  type: z.literal('workflow'),
  ...common,
  file: z
    .string({ error: 'a workflow file path' })
    .regex(/^[^/][^\0]*\.ya?ml$/, { error: 'a .yaml file path relative to workflows/' })
    .describe('Another workflow of workflows/, run as one step.'),
});

const noopOperation = z.strictObject({ type: z.literal('noop'), ...common });

const serverCreateOperation = z.strictObject({
  type: z.literal('server_create'),
  ...common,
  servers: nameListSchema
    .min(1, { error: 'a list with at least one server name' })
    .optional()
    .describe(
      'The servers to create, by name (servers of the infra with a provider); default: all of them. Without a rollback of its own, rolling back deletes exactly the servers this step created.',
    ),
});

const serverDeleteOperation = z.strictObject({
  type: z.literal('server_delete'),
  ...common,
  servers: nameListSchema
    .min(1, { error: 'a list with at least one server name' })
    .describe('The servers to delete, by name: only servers provisioning created.'),
});

const clusterCreateOperation = z.strictObject({
  type: z.literal('cluster_create'),
  ...common,
  cluster: nameSchema.describe(
    'The cluster of the infra to create or converge: missing servers created, roles applied in order, health waited for.',
  ),
});

const clusterDeleteOperation = z.strictObject({
  type: z.literal('cluster_delete'),
  ...common,
  cluster: nameSchema.describe('The cluster whose roles are removed from its servers; the servers stay.'),
});

const OPERATION_TYPES_PHRASE =
  'an operation type: apply, taskserv, command, server_create, server_delete, cluster_create, cluster_delete, workflow or noop';

/** What a step or its compensation does. */
export const actionSchema = z.discriminatedUnion(
  'type',
  [
    applyOperation,
    taskservOperation,
    commandOperation,
    serverCreateOperation,
    serverDeleteOperation,
    clusterCreateOperation,
    clusterDeleteOperation,
    workflowOperation,
    noopOperation,
  ],
  { error: OPERATION_TYPES_PHRASE },
);

const operationFields = {
  id: operationIdSchema.describe('Unique in the workflow; dependencies name it.'),
  dependencies: z.array(dependencySchema, { error: 'a list of operation ids' }).default([]),
  retry: retrySchema.optional(),
  rollback: actionSchema
    .optional()
    .describe('The compensation run if the workflow is rolled back after this operation succeeded.'),
};

/** One operation of a workflow: an action with an id, its dependencies, retry policy and compensation. */
export const operationSchema = z.discriminatedUnion(
  'type',
  [
    applyOperation.extend(operationFields),
    taskservOperation.extend(operationFields),
    commandOperation.extend(operationFields),
    serverCreateOperation.extend(operationFields),
    serverDeleteOperation.extend(operationFields),
    clusterCreateOperation.extend(operationFields),
    clusterDeleteOperation.extend(operationFields),
    workflowOperation.extend(operationFields),
    noopOperation.extend(operationFields),
  ],
  { error: OPERATION_TYPES_PHRASE },
);

export const workflowFileSchema = z.strictObject({
  name: nameSchema.describe('The workflow name shown in lists.'),
  version: z.union([z.string(), z.number()], { error: 'a version string' }).transform(String).optional(),
  description: z.string({ error: 'a string' }).optional(),
  parallel_limit: positiveInt('a number from 1 to 1000', 1000)
    .default(4)
    .describe('Operations running at once at most.'),
  rollback_enabled: z
    .boolean({ error: 'true or false' })
    .default(false)
    .describe('Roll back the succeeded operations automatically when the workflow fails.'),
  operations: z
    .array(operationSchema, { error: 'a list of operations' })
    .min(1, { error: 'a list with at least one operation' }),
});

export type WorkflowFile = z.output<typeof workflowFileSchema>;
export type WorkflowOperation = z.output<typeof operationSchema>;
export type WorkflowAction = z.output<typeof actionSchema>;
export type WorkflowRetry = z.output<typeof retrySchema>;

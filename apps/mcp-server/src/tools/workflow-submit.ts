import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { EngineError } from '@provisioning/engine';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { workflowRecordShape, workflowStepShape } from '../server/output-shapes';
import type { ServerContext } from '../server/server-context';
import { guarded } from '../server/tool-result';
import { workflowSteps } from './workflow-status';

/** A workflow file named outside the workspace: refused, so the tool reads nothing else on the machine. */
export class WorkflowFileOutsideError extends EngineError {
  override name = 'WorkflowFileOutsideError';
  constructor(file: string) {
    super(
      `${file} is outside the workspace`,
      'name a file inside the workspace, e.g. workflows/rollout.yaml, or pass the document itself',
      'usage',
    );
  }
}

export function registerWorkflowSubmit(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'workflow_submit',
    {
      title: 'Submit a workflow',
      description:
        "Changes hosts: submits a durable workflow (a DAG of apply, taskserv, command and workflow steps; docs/orchestrator.md) to the workspace's workflow store and starts running it in this server. Give either file (workflows/<name>.yaml in the workspace) or document (the YAML itself). Returns at once with the workflow id; follow it with workflow_status. Ask the user to confirm first.",
      inputSchema: {
        file: z
          .string()
          .min(1)
          .optional()
          .describe('a workflow file inside the workspace, e.g. workflows/rollout.yaml'),
        document: z
          .string()
          .min(1)
          .optional()
          .describe('the workflow as YAML or JSON text, instead of a file'),
        idempotencyKey: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('submitting twice with the same key returns the first workflow instead of a second one'),
      },
      outputSchema: {
        created: z.boolean().describe('false when the idempotency key matched an earlier submission'),
        workflow: workflowRecordShape,
        steps: z.array(workflowStepShape),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    ({ file, document, idempotencyKey }) =>
      guarded(ctx.redactor, async () => {
        if ((file === undefined) === (document === undefined))
          throw new EngineError(
            'give exactly one of file and document',
            'file names workflows/<name>.yaml in the workspace; document is the YAML itself',
            'usage',
          );
        const service = await ctx.workflows();
        const workspace = ctx.options.workspace;
        let submitted;
        if (file !== undefined) {
          const path = resolve(workspace, file);
          const inside = relative(workspace, path);
          if (inside.startsWith('..') || isAbsolute(inside)) throw new WorkflowFileOutsideError(file);
          submitted = await service.submitFile(path, { workspace, idempotencyKey, displayAs: inside });
        } else {
          submitted = await service.submitDocument(document, { workspace, idempotencyKey });
        }
        const detail = await service.get(submitted.workflow.id);
        return {
          created: submitted.created,
          workflow: submitted.workflow,
          steps: workflowSteps(detail?.steps ?? []),
        };
      }),
  );
}

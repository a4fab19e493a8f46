import type { WorkflowAction, WorkflowFile, WorkflowRetry } from '@provisioning/config';
import type { SubmitWorkflowInput } from '@provisioning/store';
import type { StepAction } from './step-actions';

/** What the store keeps as a forward step's `spec`: the action and how to retry it. */
export interface StepSpec {
  action: StepAction;
  retry?: WorkflowRetry;
}

export interface SubmissionOptions {
  /** The workspace the steps run in (absolute). */
  workspace?: string;
  idempotencyKey?: string;
  parent?: SubmitWorkflowInput['parent'];
}

/**
 * A validated workflow file as the store's submission: one step per operation, compensation beside
 * it. A server_create without a rollback of its own gets one: delete exactly the servers it created.
 */
export function toSubmission(file: WorkflowFile, options: SubmissionOptions = {}): SubmitWorkflowInput {
  return {
    name: file.name,
    ...(file.version !== undefined ? { version: file.version } : {}),
    parallelLimit: file.parallel_limit,
    rollbackEnabled: file.rollback_enabled,
    definition: file,
    ...(options.workspace ? { workspace: options.workspace } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    ...(options.parent ? { parent: options.parent } : {}),
    steps: file.operations.map((operation) => {
      const { id, dependencies, retry, rollback, ...action } = operation;
      const spec: StepSpec = { action: action as WorkflowAction, ...(retry ? { retry } : {}) };
      const compensation: StepAction | undefined =
        rollback ??
        (action.type === 'server_create'
          ? { type: 'server_create_undo', ...(action.infra ? { infra: action.infra } : {}) }
          : undefined);
      return {
        id,
        dependencies: dependencies.map((dependency) =>
          typeof dependency === 'string'
            ? { id: dependency, kind: 'hard' as const }
            : { id: dependency.id, kind: dependency.kind },
        ),
        spec,
        ...(compensation ? { rollback: compensation } : {}),
      };
    }),
  };
}

/** A worker tried to complete a step whose lease it no longer holds (it expired and another worker took the step). */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(
    readonly workflowId: string,
    readonly stepId: string,
  ) {
    super(
      `Step ${stepId} of workflow ${workflowId} is no longer leased to this worker (its lease expired and it was taken over, or it was cancelled); its result was not recorded.`,
    );
  }
}

export class WorkflowNotFoundError extends Error {
  override name = 'WorkflowNotFoundError';
  constructor(readonly workflowId: string) {
    super(`No workflow ${workflowId} in the workflow store; 'provisioning workflow list' shows the ids.`);
  }
}

/** The workflow is not in a state that allows the request (cancel a finished one, resume a running one). */
export class WorkflowStateError extends Error {
  override name = 'WorkflowStateError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The submitted steps do not form a DAG (unknown dependency, duplicate id, cycle). */
export class WorkflowDefinitionError extends Error {
  override name = 'WorkflowDefinitionError';
}

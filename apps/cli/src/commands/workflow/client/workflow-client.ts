import type {
  WorkflowDetail,
  WorkflowEvent,
  WorkflowPage,
  WorkflowRecord,
  WorkflowStatus,
} from '@provisioning/engine';

/**
 * What the workflow commands need, whether the workflows live in an orchestrator (HTTP) or in the
 * workspace's embedded store (in-process, no server). Dates arrive as ISO strings over HTTP, so
 * records are typed loosely on them.
 */
export interface WorkflowClient {
  /** Where the workflows live, for messages: the orchestrator URL or the embedded store's path. */
  readonly where: string;
  /** True when this process runs the steps itself (no orchestrator): submit and resume wait. */
  readonly inProcess: boolean;
  /** `file` is absolute; `displayAs` is how messages name it. */
  submit(
    file: string,
    options: { idempotencyKey?: string; displayAs?: string },
  ): Promise<{ workflow: WorkflowRecord; created: boolean }>;
  list(query: { status?: WorkflowStatus; limit?: number; cursor?: string }): Promise<WorkflowPage>;
  get(id: string): Promise<WorkflowDetail>;
  /** Events after `afterSeq`; with `follow` until the workflow ends (or `signal` aborts). */
  events(
    id: string,
    options: {
      afterSeq?: number;
      follow: boolean;
      signal?: AbortSignal;
      onEvent: (event: WorkflowEvent) => void;
    },
  ): Promise<void>;
  control(id: string, action: 'cancel' | 'resume' | 'rollback'): Promise<WorkflowRecord>;
  close(): Promise<void>;
}

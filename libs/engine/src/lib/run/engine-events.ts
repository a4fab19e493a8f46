import type { OperationOutcome } from '@provisioning/operations';

/**
 * What a run tells the world as it goes. The CLI's progress display, the store's run log, the
 * orchestrator's event stream and the MCP server all read these; every string is redacted already.
 */
export type EngineEvent =
  | {
      type: 'run-started';
      runId?: string;
      infra: string;
      action: RunAction;
      hosts: string[];
      steps: string[];
    }
  | { type: 'host-started'; host: string; wave: number; steps: string[] }
  | { type: 'host-planned'; host: string; wave: number; changes: number; errors: number }
  | {
      type: 'operation-finished';
      host: string;
      step: string;
      operationId: string;
      kind: string;
      status: OperationOutcome;
      summary: string;
      durationMs: number;
    }
  | {
      type: 'host-finished';
      host: string;
      wave: number;
      status: 'ok' | 'failed' | 'skipped';
      changed: number;
      durationMs: number;
      error?: string;
    }
  | {
      type: 'run-finished';
      runId?: string;
      status: 'succeeded' | 'failed' | 'cancelled';
      durationMs: number;
      stoppedBecause?: string;
    };

export type RunAction = 'install' | 'remove';
export type EngineEventListener = (event: EngineEvent) => void;
